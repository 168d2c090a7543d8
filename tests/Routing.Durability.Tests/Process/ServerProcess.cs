using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Routing.Durability.Tests.Process;

/// <summary>
/// The built Routing server (src/Routing.Server/bin/CONFIGURATION/TFM/Routing.Server.dll) run as a separate process
/// with `dotnet Routing.Server.dll`, on free loopback ports and a given journal file.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int OutputLines = 200;

    private readonly System.Diagnostics.Process _process;
    private readonly Queue<string> _output = new();

    // Signalled by the server's own "Routing listens" log line, or by the process exiting: readiness is awaited as
    // an event rather than polled.
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ServerProcess(System.Diagnostics.Process process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Finds the server next to this test assembly's own build: same configuration, same target framework.</summary>
    public static string LocateServerDll()
    {
        // .../tests/Routing.Durability.Tests/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        for (var dir = tfm; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Routing.Server", "bin", configuration, tfm.Name, "Routing.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Routing.Server.dll ({configuration}/{tfm.Name}) was not found above {AppContext.BaseDirectory}; build src/Routing.Server first.");
    }

    /// <summary>Starts the server on two free ports. Does not wait for it to be ready.</summary>
    public static ServerProcess Start(string serverDll, string databasePath)
    {
        var grpcPort = FreePort();
        var httpPort = FreePort();
        while (httpPort == grpcPort)
        {
            httpPort = FreePort();
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            // appsettings.json (queues, roster) sits next to the dll, and the content root is the working directory.
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}");
        start.ArgumentList.Add($"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}");
        start.ArgumentList.Add("--Routing:Storage:Journal=Sqlite");
        start.ArgumentList.Add($"--Routing:Storage:Path={databasePath}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, grpcPort, httpPort);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.Exited += (_, _) => server._listening.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Waits for the server to log where it listens, then confirms with one /healthz request. False when the process
    /// exited first.
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await _listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server was not ready after {timeout}. Output:\n{RecentOutput()}");
        }

        if (_process.HasExited)
        {
            return false;
        }

        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/healthz"));
        return response.StatusCode == HttpStatusCode.OK
            ? true
            : throw new InvalidOperationException($"/healthz answered {response.StatusCode}. Output:\n{RecentOutput()}");
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, then waits for the host's graceful shutdown. Returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _http.Dispose();
    }

    /// <summary>The dotnet host that runs these tests (`dotnet test` sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Routing listens", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
