using Xunit;

namespace Brigade.Testing;

/// <summary>
/// Two replicas of a service (<see cref="ServiceFactory{TProgram}.ReplicaOf"/>): one database, one exchange and queue,
/// one Redis prefix. Use as a class fixture: <c>IClassFixture&lt;ReplicaPair&lt;RestaurantsFactory, Program&gt;&gt;</c>.
/// </summary>
public class ReplicaPair<TFactory, TProgram> : IAsyncLifetime
    where TFactory : ServiceFactory<TProgram>, new()
    where TProgram : class
{
    public TFactory First { get; } = new();

    public TFactory Second { get; } = new();

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second.ReplicaOf(First);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
