using Routing.V1;

namespace Routing.Server.Audit;

/// <summary>
/// Declared so clients can discover it; every RPC answers UNIMPLEMENTED until the durable, hash-chained journal
/// exists (the base class does exactly that). A timeline built from an in-memory journal would not be the record a
/// safety reviewer can rely on, so none is offered.
/// </summary>
internal sealed class AuditGrpcService : AuditService.AuditServiceBase;
