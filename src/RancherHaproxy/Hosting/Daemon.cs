using RancherHaproxy.Configuration;
using RancherHaproxy.Discovery;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;
using RancherHaproxy.Pages;
using RancherHaproxy.RuntimeApi;
using RancherHaproxy.Sync;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Hosting;

/// <summary>
/// Wires the pieces and owns the process's life: initial files, HAProxy start, the sync loop,
/// and a graceful stop on SIGTERM/SIGINT. Exits non-zero if HAProxy's master dies under it.
/// </summary>
internal static partial class Daemon
{
    public const int ExitHaproxyFailed = 1;

    /// <param name="executablePath">The daemon's own executable, which starts HAProxy with a parent-death signal.</param>
    public static async Task<int> RunAsync(Settings settings, string? executablePath, LogSink sink, ShutdownSignal shutdown)
    {
        var log = new Logger(sink, "daemon");
        Log.Start(log, settings);

        // The health endpoint first (it answers before HAProxy runs) and last to go (disposed after HAProxy stopped).
        var operations = new OperationsState(TimeProvider.System);
        using var readinessOff = shutdown.Token.Register(operations.ShutdownStarted);
        var build = await HealthHosting.DetectAsync(settings, operations).ConfigureAwait(false);

        // With ENABLE_SSL, the certificate checks fill it once the certificates are prepared.
        var certificateReport = settings.Tls.Enabled ? new LaterCertificateReport() : null;
        await using var health = HealthHosting.Start(settings, build, operations, certificateReport, log);
        var source = CreateSource(settings, operations.Heartbeat, log.ForComponent("metadata"));
        using var sourceLifetime = source as IDisposable;
        var certificates = Certificates.Prepare(settings, log);
        if (certificates is null)
        {
            return ExitHaproxyFailed;
        }

        // Certificate checks (ENABLE_SSL): the watch is also the ICertificateReport for /status and /metrics (null without TLS).
        using var certificateWatch = CertificateChecks.Create(settings, certificates, log.ForComponent("tls"));
        certificateReport?.Set(certificateWatch);

        var syslogTarget = await Syslog.ResolveTargetAsync(settings, source, log, shutdown.Token).ConfigureAwait(false);
        var haproxyOptions = ComponentOptions.Haproxy(settings, syslogTarget, executablePath, prometheusExporter: health is not null && build.HasPrometheusExporter);
        await using var haproxy = new HaproxyController(haproxyOptions, log.ForComponent("haproxy"));
        operations.WatchHaproxy(() => haproxy.State);
        using var loop = source is null ? null : CreateLoop(settings, certificates, source, haproxy, haproxyOptions, operations, log);
        if (!Prepare(settings, loop, log))
        {
            return ExitHaproxyFailed;
        }

        CertificateChecks.Follow(certificateWatch, loop);

        var pages = PageHosting.Publisher(settings, loop);
        await using var pageServer = new PageServer(
            new PageOptions(HaproxyEnvironment.PagesSocketPath(settings), settings.ReviewApps.UnknownHostStatus, WorkerAccess.SocketGroup(settings)),
            () => pages.Current,
            TimeProvider.System,
            log.ForComponent("pages"));

        // Without it HAProxy still answers every host it cannot route, with its own short 503.
        pageServer.Start();

        var failedStart = await StartHaproxyAsync(haproxy, shutdown, log).ConfigureAwait(false);
        if (failedStart is { } exitCode)
        {
            return exitCode;
        }

        loop?.HaproxyStarted(HaproxyVersion.TryParse(haproxy.Version));
        operations.HaproxyVersionKnown(haproxy.Version ?? build.Version);
        if (loop is null)
        {
            operations.FilesServed();
        }

        return await SuperviseAsync(loop, haproxy, shutdown, settings.Health.ShutdownDelay, log).ConfigureAwait(false);
    }

    private static SyncLoop CreateLoop(
        Settings settings, CertificateOptions certificates, IMetadataSource source, IHaproxyController haproxy, HaproxyOptions haproxyOptions,
        OperationsState operations, Logger log)
    {
        // Protection changes go through the auth map too: without it, every change reloads.
        var runtime = RuntimeCommands.CanAddress(settings.DomainMap) && RuntimeCommands.CanAddress(settings.Auth.AuthMap)
            ? new RuntimeExecutor(
                new MasterCli(haproxyOptions.AdminSocketPath, ComponentOptions.AdminSocketTimeout),
                settings.DomainMap,
                RuntimeCommands.CanAddress(settings.StackMap) ? settings.StackMap : null,
                settings.Auth.AuthMap,
                log.ForComponent("runtime"),
                operations)
            : null;
        var options = ComponentOptions.Loop(settings, certificates);
        var installer = new ConfigInstaller(new ConfigChecker(haproxyOptions), options, log.ForComponent("sync"));
        return new SyncLoop(source, installer, haproxy, runtime, options, log.ForComponent("sync"), TimeProvider.System, operations);
    }

    /// <summary>Starts HAProxy; null once it runs, else the exit code (a stop requested during the start is a clean exit).</summary>
    private static async Task<int?> StartHaproxyAsync(HaproxyController haproxy, ShutdownSignal shutdown, Logger log)
    {
        try
        {
            await haproxy.StartAsync(shutdown.Token).ConfigureAwait(false);
            return null;
        }
        catch (HaproxyException exception)
        {
            log.Error("haproxy did not start", ("error", exception.Message));
            return ExitHaproxyFailed;
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            await haproxy.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
    }

    /// <param name="shutdownDelay">SHUTDOWN_DELAY: after the signal, how long HAProxy (and the loop) keep serving with readiness off.</param>
    private static async Task<int> SuperviseAsync(SyncLoop? loop, IHaproxyController haproxy, ShutdownSignal shutdown, TimeSpan shutdownDelay, Logger log)
    {
        using var stopLoop = new CancellationTokenSource();
        if (loop is not null)
        {
            shutdown.ResyncRequested += loop.RequestResync;
        }

        var loopTask = loop?.RunAsync(stopLoop.Token) ?? Task.CompletedTask;
        var stopRequested = Task.Delay(Timeout.Infinite, shutdown.Token);
        await Task.WhenAny(stopRequested, haproxy.Exited).ConfigureAwait(false);
        if (shutdown.Token.IsCancellationRequested)
        {
            await WaitBeforeStoppingAsync(shutdownDelay, haproxy, shutdown, log).ConfigureAwait(false);
        }

        await stopLoop.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(loopTask, log).ConfigureAwait(false);

        if (!shutdown.Token.IsCancellationRequested)
        {
            log.Error("haproxy master exited unexpectedly; stopping so the container restarts", ("exit_code", await haproxy.Exited.ConfigureAwait(false)));
            return ExitHaproxyFailed;
        }

        log.Info("stopping", ("signal", shutdown.Signal));
        await haproxy.StopAsync(CancellationToken.None).ConfigureAwait(false);
        log.Info("stopped");
        return 0;
    }

    /// <summary>SHUTDOWN_DELAY: /readyz already says 503; an upstream stops sending before HAProxy stops. A second signal ends the wait.</summary>
    private static async Task WaitBeforeStoppingAsync(TimeSpan delay, IHaproxyController haproxy, ShutdownSignal shutdown, Logger log)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        log.Info("shutdown: readiness off, waiting before stopping", ("delay", $"{delay.TotalSeconds:0.###}s"));
        await Task.WhenAny(Task.Delay(delay, shutdown.Repeated), haproxy.Exited).ConfigureAwait(false);
    }

    /// <summary>Run directory and first files. With discovery off, hand-written files are kept.</summary>
    private static bool Prepare(Settings settings, SyncLoop? loop, Logger log)
    {
        try
        {
            Directory.CreateDirectory(settings.RunDirectory);
            WorkerAccess.PrepareRunDirectory(settings, log);
            PageHosting.WriteFiles(settings);
            if (loop is not null)
            {
                loop.WriteInitialFiles();
            }
            else
            {
                log.Warn("DISABLE_METADATA is set: no discovery; HAProxy serves the files as they are",
                    ("map", settings.DomainMap), ("backends", settings.BackendConfig));
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Error("cannot prepare files", ("error", exception.Message));
            return false;
        }
    }

    private static IMetadataSource? CreateSource(Settings settings, Heartbeat heartbeat, Logger log)
    {
        var json = ComponentOptions.Containers(settings);
        if (settings.MetadataFile is not null)
        {
            return new MetadataFile(settings.MetadataFile, json, ComponentOptions.MetadataFileInterval, TimeProvider.System, heartbeat);
        }

        return settings.DisableMetadata ? null : new MetadataClient(ComponentOptions.Metadata(settings), json, log, TimeProvider.System, heartbeat);
    }

    private static async Task IgnoreCancellation(Task task, Logger log)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop stops by cancellation; that is not an error.
        }
        catch (Exception exception)
        {
            log.Error("sync loop failed", ("error", exception.Message));
        }
    }
}
