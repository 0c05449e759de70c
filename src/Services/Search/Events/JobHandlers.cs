using Brigade.Contracts.Jobs;
using Brigade.Messaging;
using Brigade.Search.Domain;
using Brigade.Search.Index;

namespace Brigade.Search.Events;

public sealed class IndexCreatedJob(SearchEngine engine) : IEventHandler<JobCreated>
{
    public Task HandleAsync(JobCreated e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Job(e.Job));
        return Task.CompletedTask;
    }
}

public sealed class IndexUpdatedJob(SearchEngine engine) : IEventHandler<JobUpdated>
{
    public Task HandleAsync(JobUpdated e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Job(e.Job));
        return Task.CompletedTask;
    }
}

public sealed class DropDeletedJob(SearchEngine engine) : IEventHandler<JobDeleted>
{
    public Task HandleAsync(JobDeleted e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.JobDeleted(e.JobId, e.DeletedAt));
        return Task.CompletedTask;
    }
}
