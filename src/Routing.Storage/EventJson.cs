using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Routing.Core.Events;

namespace Routing.Storage;

/// <summary>
/// JSON for journaled events. Each event is written with a "$type" discriminator naming its record type, so the
/// journal stays readable by people and tools (the audit export) and a new event type is one line here.
/// Lives in storage, not Core: the domain knows nothing of how it is persisted.
/// </summary>
public static class EventJson
{
    private static readonly Type[] EventTypes =
    [
        typeof(CallArrived), typeof(CallQueued), typeof(CallOverflowed), typeof(CallRetriaged), typeof(CallUrgencyChanged),
        typeof(CallOffered), typeof(OfferDeclined), typeof(OfferTimedOut), typeof(OfferCancelled), typeof(CallAccepted),
        typeof(CallTransferred), typeof(CallCompleted), typeof(CallAbandoned), typeof(CallbackRequested), typeof(CallMaxWaitReached),
        typeof(SafetyNetCallbackCreated), typeof(SafetyNetCallbackOverdue), typeof(EscalationWarning), typeof(EscalationBreached),
        typeof(PageIssued), typeof(EmergencyAdviceInstructed),
        typeof(AgentLoggedIn), typeof(AgentLoggedOut), typeof(AgentBecameAvailable), typeof(AgentNotReady),
    ];

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(RoutingEvent e) => JsonSerializer.Serialize(e, Options);

    public static byte[] SerializeToUtf8Bytes(RoutingEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, Options);

    public static RoutingEvent Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<RoutingEvent>(utf8Json, Options) ?? throw new JsonException("A journaled event was null.");

    public static RoutingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<RoutingEvent>(json, Options) ?? throw new JsonException("A journaled event was null.");

    /// <summary>The discriminator written for an event type: its record name.</summary>
    public static string TypeName(RoutingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.GetType().Name;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(RoutingEvent))
            {
                return;
            }

            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$type",
                UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var type in EventTypes)
            {
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
            }
        });
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = false,
        };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
