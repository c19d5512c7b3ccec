using System.Net;

namespace Docs.IntegrationTests.Api;

/// <summary>OpenAPI, config/, people search without enumeration, throttles.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiSurfaceTests(StackFixture stack)
{
    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_config_is_public()
    {
        using var anonymous = new ApiClient(stack.App);
        var openapi = await anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/v1.0/documents", "/api/v1.0/documents/{id}", "/api/v1.0/documents/{id}/move", "/api/v1.0/documents/{id}/accesses",
            "/api/v1.0/documents/{id}/invitations", "/api/v1.0/documents/{id}/content", "/api/v1.0/documents/{id}/collaboration-ticket",
            "/api/v1.0/users/me", "/api/v1.0/config",
        })
        {
            Assert.Contains(paths, p => p.TrimEnd('/') == expected);
        }
        var config = await anonymous.GetJsonAsync("/api/v1.0/config/");
        Assert.Equal(30, config.GetProperty("trashbin_cutoff_days").GetInt32());
        Assert.Equal("/collaboration/ws/", config.GetProperty("collaboration_ws_url").GetString());
    }

    [Fact]
    public async Task Every_operation_is_named_summarised_and_lists_its_responses()
    {
        using var anonymous = new ApiClient(stack.App);
        var openapi = await anonymous.GetJsonAsync("/openapi/v1.json");
        string[] methods = ["get", "put", "post", "delete", "patch", "head"];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var operations = 0;
        foreach (var path in openapi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => methods.Contains(o.Name)))
            {
                operations++;
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("operationId", out var name) || !names.Add(name.GetString()!))
                {
                    failures.Add($"{where}: no operationId of its own");
                }
                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    failures.Add($"{where}: no summary");
                }
                var codes = operation.Value.TryGetProperty("responses", out var responses) ? responses.EnumerateObject().Select(r => r.Name).ToList() : [];
                if (!codes.Any(c => c[0] is '2' or '3'))
                {
                    failures.Add($"{where}: no success response among [{string.Join(", ", codes)}]");
                }
                if (!codes.Any(c => c[0] == '4'))
                {
                    failures.Add($"{where}: no refusal among [{string.Join(", ", codes)}]");
                }
                // Every API endpoint refuses unreadable input; every endpoint on a document hides it from those who cannot see it.
                if (path.Name.StartsWith("/api/", StringComparison.Ordinal) && !codes.Contains("400"))
                {
                    failures.Add($"{where}: no 400 among [{string.Join(", ", codes)}]");
                }
                if (operation.Name is not ("get" or "head") && path.Name.StartsWith("/api/", StringComparison.Ordinal) && !codes.Contains("429"))
                {
                    failures.Add($"{where}: a write without 429 among [{string.Join(", ", codes)}]");
                }
                // Asking for access answers 202 whether the document exists or not: it must not tell a guessed id from a real one.
                var hidesTheDocument = path.Name.StartsWith("/api/v1.0/documents/{id}", StringComparison.Ordinal)
                    && !(operation.Name == "post" && path.Name.TrimEnd('/') == "/api/v1.0/documents/{id}/ask-for-access");
                if (hidesTheDocument && !codes.Contains("404"))
                {
                    failures.Add($"{where}: no 404 among [{string.Join(", ", codes)}]");
                }
            }
        }
        Assert.True(operations >= 40, $"Only {operations} operations in the OpenAPI document.");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task People_search_finds_co_members_and_colleagues_not_everyone()
    {
        var domain = $"team-{Guid.NewGuid():N}.org";
        var me = await stack.NewPersonAsync("Searcher", domain);
        var colleague = await stack.NewPersonAsync("Colleague Zorro", domain);
        var partner = await stack.NewPersonAsync("Partner Zorro", "elsewhere.org");
        var stranger = await stack.NewPersonAsync("Stranger Zorro", "elsewhere.org");
        var shared = await me.CreateAsync("Shared");
        await me.GrantAsync(shared, partner, "reader");

        var found = await me.GetAsync("/api/v1.0/users/?q=zorro");
        var ids = found.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(colleague.Id, ids);
        Assert.Contains(partner.Id, ids);
        Assert.DoesNotContain(stranger.Id, ids);
        Assert.DoesNotContain(me.Id, ids);

        using var tooShort = await me.SendAsync(HttpMethod.Get, "/api/v1.0/users/?q=zo");
        Assert.True((await Person.ProblemAsync(tooShort, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _));
        using var anonymous = new ApiClient(stack.App);
        using var refused = await anonymous.GetAsync("/api/v1.0/users/?q=zorro");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Writes_are_throttled_per_user_with_a_problem_and_retry_after()
    {
        var owner = await stack.NewPersonAsync();
        var eager = await stack.NewPersonAsync();
        var calm = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Popular");

        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 40 && throttled is null; i++)
        {
            var response = await eager.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/ask-for-access/", new { role = "reader" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = response;
                Assert.Equal(30, i); // the 31st request of the minute
            }
        }
        Assert.NotNull(throttled);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await Person.ProblemAsync(throttled, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());

        // Other people are not affected.
        Assert.Equal(HttpStatusCode.Accepted, await calm.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/ask-for-access/", new { role = "reader" }));
    }
}
