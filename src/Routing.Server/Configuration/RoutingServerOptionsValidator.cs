using Microsoft.Extensions.Options;

namespace Routing.Server.Configuration;

/// <summary>Validates at start (ValidateOnStart): a bad setting stops the server with its configuration key named.</summary>
internal sealed class RoutingServerOptionsValidator : IValidateOptions<RoutingServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingServerOptions options)
    {
        RoutingConfiguration.Build(options, out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
