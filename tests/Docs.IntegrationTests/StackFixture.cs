using Docs.Testing;
using Microsoft.Extensions.Configuration;

namespace Docs.IntegrationTests;

/// <summary>One running stack shared by the tests of the <see cref="StackCollection"/>.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    public TestingApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(configure: (_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Access tokens last 5 minutes; the web front refreshes them when less than 4:58 is left, so a test sees a refresh after 2 s.
                ["Services:web:Identity:RefreshBefore"] = "00:04:58",
            }));
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
