// Routing.AuditTool: verify, export and prune the audit trail of a Routing journal (see README.md).
//   dotnet run --project src/Routing.AuditTool -- verify --db ./data/routing.db
// Exit codes: 0 success (chain intact), 1 chain broken or the operation failed, 2 bad arguments.
using var stdout = Console.OpenStandardOutput();
return Routing.AuditTool.AuditToolCommand.Run(args, stdout, Console.Error);
