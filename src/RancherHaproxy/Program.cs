using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Hosting;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;

namespace RancherHaproxy;

/// <summary>The entry point: the only place that reads the environment (its variables, the executable's path); the rest gets values.</summary>
internal static class Program
{
    public const int ExitBadSettings = 2;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ParentDeathExec.Argument)
        {
            return ParentDeathExec.Run(args[1..]);
        }

        // Docker's HEALTHCHECK: asks the running daemon's /readyz; reads HEALTH_PORT only, never the settings.
        if (args.Length > 0 && args[0] == HealthCheckCommand.Argument)
        {
            return await HealthCheckCommand.RunAsync(Environment.GetEnvironmentVariable("HEALTH_PORT"), Console.Out, Console.Error).ConfigureAwait(false);
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var result = SettingsLoader.Load(configuration);
        var format = result.Settings?.LogFormat ?? SettingsLoader.LogFormatOf(configuration);
        var sink = new LogSink(Console.Out, result.Settings?.LogLevel ?? LogLevel.Info, TimeProvider.System, format);
        if (result.Settings is null)
        {
            var log = new Logger(sink, "settings");
            foreach (var error in result.Errors)
            {
                log.Error("invalid setting", ("variable", error.Variable), ("reason", error.Reason));
            }

            log.Error("nothing started", ("errors", result.Errors.Count));
            return ExitBadSettings;
        }

        using var shutdown = new ShutdownSignal();
        return await Daemon.RunAsync(result.Settings, Environment.ProcessPath, sink, shutdown).ConfigureAwait(false);
    }
}
