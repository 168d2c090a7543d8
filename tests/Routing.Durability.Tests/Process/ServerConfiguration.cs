using System.Text.Json;
using System.Text.Json.Serialization;
using Routing.Core.Configuration;

namespace Routing.Durability.Tests.Process;

/// <summary>The routing options the server builds from its appsettings.json, for replaying its journal here.</summary>
internal static class ServerConfiguration
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static RoutingOptions Load(string serverDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(serverDirectory, "appsettings.json")));
        var routing = document.RootElement.GetProperty("Routing");
        var queues = routing.GetProperty("Queues").Deserialize<QueueDefinition[]>(Json)
            ?? throw new InvalidOperationException("appsettings.json has no Routing:Queues.");
        return new RoutingOptions
        {
            Queues = queues,
            ReservedClinicians = routing.GetProperty("ReservedClinicians").GetInt32(),
            MaxConsecutiveMisses = routing.GetProperty("MaxConsecutiveMisses").GetInt32(),
            MissPause = TimeSpan.Parse(routing.GetProperty("MissPause").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
