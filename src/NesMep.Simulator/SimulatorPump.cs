using NesMep.Core.Platform;

namespace NesMep.Simulator;

/// <summary>
/// Runs a <see cref="MeterSimulator"/> (its MEP port, or its optical port through <see cref="Optical.OpticalPort"/>) (normally on a <see cref="SystemClock"/>) against a server-side
/// byte transport — a TCP connection or a pty master handed over by the host — on a background
/// thread, polling every 1–2 ms: client bytes in, due meter bytes out, and the ENABLE line when one
/// is wired (<see cref="IEnableLineSense"/>). Transport errors are counted and the loop carries on
/// (the host decides when to replace the transport).
/// </summary>
public sealed class SimulatorPump : IDisposable
{
    private readonly IByteTransport _transport;
    private readonly IMeterPort _port;
    private readonly IEnableLineSense? _enable;
    private readonly int _pollMs;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private Thread? _thread;
    private long _bytesIn;
    private long _bytesOut;
    private int _errors;
    private Exception? _lastError;

    public SimulatorPump(MeterSimulator meter, IByteTransport serverTransport, int pollIntervalMs = 1, IEnableLineSense? enableLine = null)
    {
        Meter = meter;
        _port = meter;
        _transport = serverTransport;
        _enable = enableLine;
        _pollMs = Math.Clamp(pollIntervalMs, 1, 2);
    }

    /// <summary>Serves the meter's optical port (C12.18) instead of MEP.</summary>
    public SimulatorPump(Optical.OpticalPort optical, IByteTransport serverTransport, int pollIntervalMs = 1)
        : this(optical.Meter, serverTransport, pollIntervalMs)
    {
        _port = optical;
    }

    public MeterSimulator Meter { get; }

    public bool IsRunning
    {
        get { lock (_gate) { return _thread != null; } }
    }

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public int Errors => Volatile.Read(ref _errors);

    public Exception? LastError => Volatile.Read(ref _lastError);

    public void Start()
    {
        lock (_gate)
        {
            if (_thread != null)
            {
                return;
            }

            _stop.Reset();
            _thread = new Thread(Run) { IsBackground = true, Name = "mep-simulator-pump" };
            _thread.Start();
        }
    }

    public void Stop()
    {
        StopAndJoin();
    }

    public void Dispose()
    {
        // Only free the stop event once the loop has really ended; a stuck transport would otherwise
        // make the pump thread wait on a disposed event and crash the process.
        if (StopAndJoin())
        {
            _stop.Dispose();
        }
    }

    /// <summary>Signals the loop and waits up to 5 s; true when no loop thread is left running.</summary>
    private bool StopAndJoin()
    {
        Thread? t;
        lock (_gate)
        {
            t = _thread;
            _thread = null;
        }

        if (t == null)
        {
            return true;
        }

        _stop.Set();
        return Thread.CurrentThread != t && t.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>One pass of the loop (public so tests can drive it without a thread).</summary>
    public void PumpOnce(byte[] buffer)
    {
        // ENABLE first: bytes that arrive while it is off are lost, as on the meter (§2.1).
        if (_enable != null && _enable.TryRead(out bool on) && on != Meter.Enabled)
        {
            Meter.SetEnabled(on);
        }

        int n;
        while ((n = _transport.Read(buffer, 0, buffer.Length)) > 0)
        {
            Interlocked.Add(ref _bytesIn, n);
            _port.ReceiveFromClient(buffer, 0, n);
        }

        _port.Tick();
        if (_port != Meter)
        {
            Meter.Tick();
        }

        while ((n = _port.ReadForClient(buffer, 0, buffer.Length)) > 0)
        {
            _transport.Write(buffer, 0, n);
            Interlocked.Add(ref _bytesOut, n);
        }
    }

    private void Run()
    {
        var buffer = new byte[1024];
        while (!_stop.IsSet)
        {
            try
            {
                PumpOnce(buffer);
            }
            catch (Exception ex)
            {
                // Keep serving: a dropped TCP client or a closed pty is the host's business, not a reason to die.
                Interlocked.Increment(ref _errors);
                Volatile.Write(ref _lastError, ex);
                _stop.Wait(10);
            }

            _stop.Wait(_pollMs);
        }
    }
}
