using Docs.Testing;

namespace Docs.IntegrationTests;

/// <summary>One running stack shared by the tests of the <see cref="StackCollection"/>.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    public TestingApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>();
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
