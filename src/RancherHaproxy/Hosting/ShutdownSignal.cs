using System.Runtime.InteropServices;

namespace RancherHaproxy.Hosting;

/// <summary>
/// SIGTERM and SIGINT cancel <see cref="Token"/> (a graceful stop); SIGHUP asks for a resync.
/// .NET installs no SIGTERM handler of its own, and as PID 1 the kernel's default does nothing.
/// SIGHUP is set back to its default first: a parent that ignored it (<c>nohup</c>) would otherwise
/// leave the resync without a handler (<see cref="SignalDisposition"/>).
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenSource _repeated = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        SignalDisposition.RestoreDefault(SignalDisposition.SigHup);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Resync),
        ];
    }

    /// <summary>Raised on SIGHUP.</summary>
    public event Action? ResyncRequested;

    public CancellationToken Token => _source.Token;

    /// <summary>Cancelled by a second SIGTERM/SIGINT: the operator does not want to wait out SHUTDOWN_DELAY.</summary>
    public CancellationToken Repeated => _repeated.Token;

    public string? Signal { get; private set; }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
        _repeated.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_source.IsCancellationRequested)
        {
            _repeated.Cancel();
            return;
        }

        Signal ??= context.Signal.ToString();
        _source.Cancel();
    }

    private void Resync(PosixSignalContext context)
    {
        context.Cancel = true;
        ResyncRequested?.Invoke();
    }
}
