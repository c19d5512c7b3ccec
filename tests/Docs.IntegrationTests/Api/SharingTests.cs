using System.Net;
using System.Text.Json;

namespace Docs.IntegrationTests.Api;

/// <summary>Accesses, invitations and requests for access: who may do what, the last owner, IDOR attempts, and the emails the worker writes.</summary>
[Collection(StackCollection.Name)]
public sealed class SharingTests(StackFixture stack)
{
    [Fact]
    public async Task Administrators_manage_accesses_but_only_owners_touch_the_owner_role()
    {
        var owner = await stack.NewPersonAsync();
        var admin = await stack.NewPersonAsync();
        var editor = await stack.NewPersonAsync();
        var newcomer = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Team doc");
        await owner.GrantAsync(id, admin, "administrator");
        await owner.GrantAsync(id, editor, "editor");

        // An editor sees the accesses but cannot change them.
        var seen = await editor.GetAsync($"/api/v1.0/documents/{id}/accesses/");
        Assert.Equal(3, seen.GetArrayLength());
        Assert.All(seen.EnumerateArray(), a => Assert.False(a.GetProperty("abilities").GetProperty("update").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, await editor.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/accesses/", new { user_id = newcomer.Id, role = "reader" }));

        // An administrator grants up to administrator, never owner, and cannot touch the owner.
        Assert.Equal(HttpStatusCode.Created, await admin.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/accesses/", new { user_id = newcomer.Id, role = "commenter" }));
        var accesses = await owner.GetAsync($"/api/v1.0/documents/{id}/accesses/");
        var ownerAccess = AccessOf(accesses, owner.Id);
        var newcomerAccess = AccessOf(accesses, newcomer.Id);
        Assert.Equal(HttpStatusCode.Forbidden, await admin.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/accesses/{newcomerAccess}/", new { role = "owner" }));
        Assert.Equal(HttpStatusCode.Forbidden, await admin.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/accesses/{ownerAccess}/"));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/accesses/{newcomerAccess}/", new { role = "editor" }));

        // Duplicates and bad values are named.
        using var twice = await owner.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/accesses/", new { user_id = newcomer.Id, role = "reader" });
        Assert.True((await Person.ProblemAsync(twice, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("user_id", out _));
        using var badRole = await owner.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/accesses/", new { user_id = newcomer.Id, role = "god" });
        Assert.True((await Person.ProblemAsync(badRole, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("role", out _));

        // The owner makes the newcomer owner; then may step down, since another owner remains.
        Assert.Equal(HttpStatusCode.OK, await owner.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/accesses/{newcomerAccess}/", new { role = "owner" }));
        Assert.Equal(HttpStatusCode.OK, await owner.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/accesses/{ownerAccess}/", new { role = "editor" }));
    }

    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_be_demoted()
    {
        var owner = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Mine");
        await owner.GrantAsync(id, reader, "reader");
        var ownerAccess = AccessOf(await owner.GetAsync($"/api/v1.0/documents/{id}/accesses/"), owner.Id);

        Assert.Equal(HttpStatusCode.BadRequest, await owner.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/leave/"));
        Assert.Equal(HttpStatusCode.BadRequest, await owner.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/accesses/{ownerAccess}/", new { role = "reader" }));
        Assert.Equal(HttpStatusCode.BadRequest, await owner.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/accesses/{ownerAccess}/"));

        // A reader may leave.
        Assert.Equal(HttpStatusCode.NoContent, await reader.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/leave/"));
        Assert.Equal(HttpStatusCode.NotFound, await reader.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/"));
    }

    [Fact]
    public async Task Leaving_a_document_leaves_its_sub_pages_too_and_an_inherited_owner_is_enough()
    {
        var owner = await stack.NewPersonAsync();
        var member = await stack.NewPersonAsync();
        var parent = await owner.CreateAsync("Team space");
        var child = await owner.CreateAsync("Its page", parent);
        await owner.GrantAsync(parent, member, "editor");
        await owner.GrantAsync(child, member, "owner"); // owner here, yet the parent's owner owns it too

        Assert.Equal(HttpStatusCode.NoContent, await member.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{parent}/leave/"));

        Assert.Equal(HttpStatusCode.NotFound, await member.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{parent}/"));
        Assert.Equal(HttpStatusCode.NotFound, await member.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{child}/"));
        Assert.Equal(HttpStatusCode.NotFound, await member.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{parent}/leave/")); // nothing left to see
        Assert.Equal(HttpStatusCode.OK, await owner.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{child}/"));
    }

    [Fact]
    public async Task Acting_by_id_on_another_documents_access_or_invitation_is_refused()
    {
        var alice = await stack.NewPersonAsync();
        var mallory = await stack.NewPersonAsync();
        var victim = await stack.NewPersonAsync();
        var alicesDoc = await alice.CreateAsync("Alice's");
        await alice.GrantAsync(alicesDoc, victim, "editor");
        var victimAccess = AccessOf(await alice.GetAsync($"/api/v1.0/documents/{alicesDoc}/accesses/"), victim.Id);
        using var invited = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{alicesDoc}/invitations/", new { email = $"someone-{Guid.NewGuid():N}@example.org", role = "reader" });
        var invitation = (await Person.ExpectAsync(invited, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Mallory owns a document of her own and uses its id with Alice's access and invitation ids.
        var malloryDoc = await mallory.CreateAsync("Mallory's");
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/v1.0/documents/{malloryDoc}/accesses/{victimAccess}/", null),
            (HttpMethod.Patch, $"/api/v1.0/documents/{malloryDoc}/accesses/{victimAccess}/", new { role = "reader" }),
            (HttpMethod.Delete, $"/api/v1.0/documents/{malloryDoc}/accesses/{victimAccess}/", null),
            (HttpMethod.Get, $"/api/v1.0/documents/{malloryDoc}/invitations/{invitation}/", null),
            (HttpMethod.Delete, $"/api/v1.0/documents/{malloryDoc}/invitations/{invitation}/", null),
            (HttpMethod.Get, $"/api/v1.0/documents/{alicesDoc}/accesses/", null),
            (HttpMethod.Delete, $"/api/v1.0/documents/{alicesDoc}/accesses/{victimAccess}/", null),
            (HttpMethod.Get, $"/api/v1.0/documents/{alicesDoc}/invitations/", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, await mallory.StatusAsync(method, path, body));
        }
        Assert.Equal("editor", (await victim.GetAsync($"/api/v1.0/documents/{alicesDoc}/")).GetProperty("user_role").GetString());
        Assert.Single((await alice.GetAsync($"/api/v1.0/documents/{alicesDoc}/invitations/")).EnumerateArray());
    }

    [Fact]
    public async Task Invitations_are_validated_and_mailed_by_the_worker()
    {
        var alice = await stack.NewPersonAsync("Alice Inviter");
        var existing = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Invitation target");
        var email = $"guest-{Guid.NewGuid():N}@example.org";

        using var created = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/invitations/", new { email = email.ToUpperInvariant(), role = "editor" });
        var invitation = await Person.ExpectAsync(created, HttpStatusCode.Created);
        Assert.Equal(email, invitation.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/invitations/", new { email, role = "editor" }));
        Assert.Equal(HttpStatusCode.BadRequest, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/invitations/", new { email = existing.Email, role = "editor" }));
        Assert.Equal(HttpStatusCode.BadRequest, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/invitations/", new { email = "not an email", role = "editor" }));

        var mail = await WaitForMailAsync(email);
        Assert.Contains("Subject: Alice Inviter invited you to \"Invitation target\"", mail);
        Assert.Contains($"/docs/{id}/", mail);
    }

    [Fact]
    public async Task Asking_for_access_mails_the_managers_who_accept()
    {
        var owner = await stack.NewPersonAsync("Olivia Owner");
        var asker = await stack.NewPersonAsync("Arthur Asker");
        var outsider = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Wanted");

        Assert.Equal(HttpStatusCode.NotFound, await asker.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/"));
        // Asking about this restricted document and about an id that names nothing get the same answer.
        using var asked = await asker.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/ask-for-access/", new { role = "editor" });
        using var guessed = await asker.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{Guid.NewGuid()}/ask-for-access/", new { role = "editor" });
        foreach (var answer in new[] { asked, guessed })
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
            Assert.Null(answer.Headers.Location);
        }

        var mail = await WaitForMailAsync(owner.Email);
        Assert.Contains("Arthur Asker asks for access to \"Wanted\"", mail);

        Assert.Equal(HttpStatusCode.NotFound, await outsider.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/ask-for-access/"));
        var requests = await owner.GetAsync($"/api/v1.0/documents/{id}/ask-for-access/");
        var request = Assert.Single(requests.EnumerateArray());
        Assert.Equal(asker.Id, request.GetProperty("user").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent,
            await owner.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/ask-for-access/{request.GetProperty("id").GetGuid()}/accept/", new { }));

        Assert.Equal("editor", (await asker.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("user_role").GetString());
        Assert.Contains("You can now open \"Wanted\"", await WaitForMailAsync(asker.Email));
        Assert.Equal(0, (await owner.GetAsync($"/api/v1.0/documents/{id}/ask-for-access/")).GetArrayLength());
    }

    private static Guid AccessOf(JsonElement accesses, Guid userId) =>
        accesses.EnumerateArray().Single(a => a.GetProperty("user").GetProperty("id").GetGuid() == userId).GetProperty("id").GetGuid();

    /// <summary>The .eml file the worker writes for <paramref name="recipient"/> (no SMTP server in tests).</summary>
    private async Task<string> WaitForMailAsync(string recipient)
    {
        var directory = Path.Combine(stack.App.DataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.GetFiles(directory, "*.eml"))
                {
                    if (await ReadWrittenAsync(file) is { } text && text.Contains($"To: {recipient}", StringComparison.OrdinalIgnoreCase))
                    {
                        return text;
                    }
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No mail to {recipient} in {directory}.");
    }

    /// <summary>The mail's text, or null while Docs.Worker still holds the file open to write it (read at the next round).</summary>
    private static async Task<string?> ReadWrittenAsync(string file)
    {
        try
        {
            return await File.ReadAllTextAsync(file);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
