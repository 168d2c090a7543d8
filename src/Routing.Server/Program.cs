// Starts the Routing gRPC server on its embedded defaults (appsettings.json): gRPC over h2c on 127.0.0.1:50051,
// health and Prometheus metrics over HTTP/1.1 on 127.0.0.1:8080. Override any setting the standard ASP.NET Core
// way: environment (Routing__ReservedClinicians=2) or command line (--Routing:ReservedClinicians=2).
var builder = WebApplication.CreateBuilder(args);
Routing.Server.RoutingServer.ConfigureServices(builder.Services, builder.Configuration);
var app = builder.Build();
Routing.Server.RoutingServer.MapEndpoints(app);
await app.RunAsync();
