using System.Text.Json.Serialization.Metadata;
using Brigade.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Brigade.Messaging;

/// <summary>What a service consumes: <c>builder.AddMessaging(m =&gt; m.Handle&lt;UserRegistered, SendWelcomeEmail&gt;())</c>.</summary>
public sealed class MessagingBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>Runs <typeparamref name="THandler"/> (scoped) for every <typeparamref name="TEvent"/>; this service's queue is bound to the event's name.</summary>
    public MessagingBuilder Handle<TEvent, THandler>()
        where TEvent : class, IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        Services.TryAddScoped<THandler>();
        Services.AddSingleton(new HandlerBinding(typeof(TEvent), typeof(THandler),
            (provider, @event, context, ct) => provider.GetRequiredService<THandler>().HandleAsync((TEvent)@event, context, ct)));
        return this;
    }

    /// <summary>JSON metadata for events declared outside Brigade.Contracts, such as test or benchmark events.</summary>
    public MessagingBuilder AddEventTypes(IJsonTypeInfoResolver resolver)
    {
        Services.AddSingleton(new ExtraEventTypes(resolver));
        return this;
    }
}
