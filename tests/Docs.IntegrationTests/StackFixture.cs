using Docs.Testing;

namespace Docs.IntegrationTests;

/// <summary>One running stack shared by the tests of the <see cref="StackCollection"/>.</summary>
public class StackFixture : IAsyncLifetime
{
    public TestingApplication App { get; private set; } = null!;

    /// <summary>Where the services keep attachments (ConnectionStrings:blobs), for tests that look at the files.</summary>
    public string BlobFolder { get; } = Directory.CreateTempSubdirectory("docs-test-blobs-").FullName;

    /// <summary>The blob store the services are given (ConnectionStrings:blobs): <see cref="BlobFolder"/> unless a fixture says otherwise.</summary>
    protected virtual Task<string> BlobStoreAsync() => Task.FromResult(new Uri(BlobFolder).AbsoluteUri);

    /// <summary>Settings a fixture adds to the common ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings() => [];

    public async Task InitializeAsync()
    {
        var blobs = await BlobStoreAsync();
        var settings = new Dictionary<string, string?>
            {
                // Access tokens last 5 minutes; the web front refreshes them when less than 4:58 is left, so a test sees a refresh after 2 s.
                ["Services:web:Identity:RefreshBefore"] = "00:04:58",
                // Every test calls from 127.0.0.1 with its own users: lift the per-address budget, keep the per-user ones.
                ["Services:api:RateLimits:WritesPerAddress"] = "1000000",
                // Two collaboration servers, so clients on different instances can be tested.
                ["collab:Instances"] = "2",
                // Documents unload (and fold their log into a snapshot and a version) 2 s after their last connection.
                ["Services:collab:Collaboration:UnloadAfter"] = "00:00:02",
                ["Services:collab-2:Collaboration:UnloadAfter"] = "00:00:02",
                // A socket sent nothing for 2 s gets a keep-alive pong (at the watch's next round, within 5 s).
                ["Services:collab:Collaboration:KeepAliveInterval"] = "00:00:02",
                ["Services:collab-2:Collaboration:KeepAliveInterval"] = "00:00:02",
                // The second instance sends every frame through ASP.NET Core's WebSocket, as behind TLS or HTTP/2:
                // the tests of clients on several instances cover both ways of writing.
                ["Services:collab-2:Collaboration:DirectWrites"] = "false",
                ["ConnectionStrings:blobs"] = blobs,
            };
        foreach (var (name, value) in MoreSettings())
        {
            settings[name] = value;
        }
        App = await TestingApplication.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(BlobFolder, recursive: true);
    }

    /// <summary>An address on the web front (its pages, the sign-in endpoints and the gateway).</summary>
    public Uri Web(string path) => new(App.GetEndpoint("web"), path);

    /// <summary>A new person, signed in with a token of the provider's key (as if from Docs.Identity), provisioned by a first call.</summary>
    public async Task<Person> NewPersonAsync(string? name = null, string domain = "example.org")
    {
        var sub = Guid.NewGuid().ToString();
        var label = name ?? "user-" + sub[..8];
        var email = $"{label.ToLowerInvariant().Replace(' ', '.')}-{sub[..6]}@{domain}";
        var token = new SignIn.IdentityProvider(App).Mint(new Dictionary<string, object>
        {
            ["sub"] = sub, ["email"] = email, ["name"] = label, ["given_name"] = label.Split(' ')[0],
        }, expires: DateTime.UtcNow.AddHours(2));
        var api = new ApiClient(App, token);
        var me = await api.GetJsonAsync("/api/v1.0/users/me/");
        return new Person(Guid.Parse(me.GetProperty("id").GetString()!), email, api);
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
