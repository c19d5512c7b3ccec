using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Docs.IntegrationTests.SignIn;

/// <summary>Docs.Api accepts the provider's tokens, refuses every other kind with 401 problem details, and provisions users just in time.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiAuthenticationTests(StackFixture stack)
{
    private readonly IdentityProvider _provider = new(stack.App);

    public static TheoryData<string> BadTokens => ["expired", "other-audience", "other-issuer", "unsigned", "tampered", "other-key", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_are_refused_with_401_and_a_problem_saying_why(string kind)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "bad-" + kind, ["email"] = $"{kind}@example.org" };
        var token = kind switch
        {
            "expired" => _provider.Mint(claims, expires: DateTime.UtcNow.AddMinutes(-10)),
            "other-audience" => _provider.Mint(claims, audience: "someone-else"),
            "other-issuer" => _provider.Mint(claims, issuer: "https://evil.example/realms/impress"),
            "unsigned" => Unsigned(_provider.Mint(claims)),
            "tampered" => Tampered(_provider.Mint(claims)),
            "other-key" => _provider.Mint(claims, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = _provider.LoadSigningKey().KeyId }),
            _ => "not-a-jwt",
        };
        using var api = new ApiClient(stack.App, token);

        using var response = await api.GetAsync("/api/v1.0/users/me/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("The access token", detail);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
        if (kind == "expired")
        {
            Assert.Equal("The access token has expired.", detail);
        }
        if (kind == "other-audience")
        {
            Assert.Contains("audience", detail);
        }
        if (kind == "other-issuer")
        {
            Assert.Contains("issuer", detail);
        }
        // Nobody was provisioned from a refused token.
        await using var db = Database();
        Assert.False(await db.Users.AnyAsync(u => u.Sub == "bad-" + kind));
    }

    [Fact]
    public async Task A_remembered_token_covers_only_that_exact_string()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "remembered", ["email"] = "remembered@example.org" };
        var token = _provider.Mint(claims);
        using (var api = new ApiClient(stack.App, token))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1.0/users/me/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1.0/users/me/")).StatusCode);
        }
        // The same claims under another signature, and other claims under the validated signature: both checked, both refused.
        var parts = token.Split('.');
        var otherSignature = Base64UrlEncoder.Encode(Base64UrlEncoder.DecodeBytes(parts[2]).Reverse().ToArray());
        foreach (var forged in new[] { $"{parts[0]}.{parts[1]}.{otherSignature}", Tampered(token) })
        {
            using var api = new ApiClient(stack.App, forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1.0/users/me/")).StatusCode);
        }
    }

    [Fact]
    public async Task No_token_is_a_401_problem()
    {
        using var api = new ApiClient(stack.App);
        using var response = await api.GetAsync("/api/v1.0/users/me/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task First_token_creates_the_user_later_tokens_update_email_and_names()
    {
        var sub = Guid.NewGuid().ToString();
        using (var first = new ApiClient(stack.App, _provider.Mint(new Dictionary<string, object>
        {
            ["sub"] = sub, ["email"] = "Dana.Lee@Example.org", ["name"] = "Dana Lee", ["given_name"] = "Dana",
        })))
        {
            var me = await first.GetJsonAsync("/api/v1.0/users/me/");
            Assert.Equal("dana.lee@example.org", me.GetProperty("email").GetString());
            Assert.Equal("Dana Lee", me.GetProperty("full_name").GetString());
            Assert.Equal("Dana", me.GetProperty("short_name").GetString());
        }
        using var renamed = new ApiClient(stack.App, _provider.Mint(new Dictionary<string, object>
        {
            ["sub"] = sub, ["email"] = "dana@example.org", ["name"] = "Dana Lee-Martin", ["given_name"] = "Dana",
        }));
        var updated = await renamed.GetJsonAsync("/api/v1.0/users/me/");
        Assert.Equal("dana@example.org", updated.GetProperty("email").GetString());
        Assert.Equal("Dana Lee-Martin", updated.GetProperty("full_name").GetString());

        await using var db = Database();
        var user = await db.Users.SingleAsync(u => u.Sub == sub);
        Assert.Equal("dana@example.org", user.Email);
    }

    [Fact]
    public async Task A_new_subject_with_a_known_email_is_the_same_user()
    {
        var email = $"moved-{Guid.NewGuid():N}@example.org";
        using var before = new ApiClient(stack.App, _provider.Mint(new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["email"] = email }));
        var id = (await before.GetJsonAsync("/api/v1.0/users/me/")).GetProperty("id").GetString();

        var newSub = Guid.NewGuid().ToString();
        using var after = new ApiClient(stack.App, _provider.Mint(new Dictionary<string, object> { ["sub"] = newSub, ["email"] = email }));

        Assert.Equal(id, (await after.GetJsonAsync("/api/v1.0/users/me/")).GetProperty("id").GetString());
        await using var db = Database();
        Assert.Equal(newSub, (await db.Users.SingleAsync(u => u.Email == email)).Sub);
    }

    [Fact]
    public async Task Concurrent_first_requests_create_one_user()
    {
        var sub = Guid.NewGuid().ToString();
        var token = _provider.Mint(new Dictionary<string, object> { ["sub"] = sub, ["email"] = $"{sub}@example.org" });
        var calls = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var api = new ApiClient(stack.App, token);
            return (await api.GetJsonAsync("/api/v1.0/users/me/")).GetProperty("id").GetString();
        });

        var ids = await Task.WhenAll(calls);

        Assert.Single(ids.Distinct());
        await using var db = Database();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Sub == sub));
    }

    [Fact]
    public async Task Invitations_to_an_email_become_accesses_when_that_person_first_signs_in()
    {
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var document = new Document { Title = "Invited", Path = RandomRootPath() };
        var expired = new Document { Title = "Too late", Path = RandomRootPath() };
        await using (var db = Database())
        {
            db.Documents.AddRange(document, expired);
            db.Invitations.Add(new Invitation { DocumentId = document.Id, Email = email, Role = Role.Editor });
            db.Invitations.Add(new Invitation { DocumentId = expired.Id, Email = email, Role = Role.Editor, CreatedAt = DateTimeOffset.UtcNow.AddDays(-8) });
            await db.SaveChangesAsync();
        }

        using var api = new ApiClient(stack.App, _provider.Mint(new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["email"] = email }));
        var id = Guid.Parse((await api.GetJsonAsync("/api/v1.0/users/me/")).GetProperty("id").GetString()!);

        await using var check = Database();
        var access = await check.DocumentAccesses.SingleAsync(a => a.UserId == id);
        Assert.Equal(document.Id, access.DocumentId);
        Assert.Equal(Role.Editor, access.Role);
        Assert.False(await check.Invitations.AnyAsync(i => i.DocumentId == document.Id));
    }

    private DocsDbContext Database() =>
        new(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(stack.App.GetConnectionString("docsdb")).Options);

    // A valid root path below the first one the API hands out, so documents created afterwards still go after the last.
    private static string RandomRootPath() => TreePath.Encode(RandomNumberGenerator.GetInt32(0, int.MaxValue));

    private static string Unsigned(string jwt)
    {
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{jwt.Split('.')[1]}.";
    }

    private static string Tampered(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement;
        var changed = JsonSerializer.Serialize(payload).Replace("@example.org", "@evil.example", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(changed))}.{parts[2]}";
    }
}
