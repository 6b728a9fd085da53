namespace NesMep.Simulator;

/// <summary>
/// What the meter sends without being asked: alert sequences while alert flags are set (§3.7),
/// noise bursts injected by a test, and random idle-line noise from the <see cref="FaultInjector"/>.
/// Not thread-safe: the simulator holds its lock.
/// </summary>
internal sealed class UnsolicitedOutput
{
    private const long Never = long.MinValue / 4;

    private readonly SerialTransmitter _tx;
    private readonly FaultInjector _faults;
    private readonly MeterTables _tables;
    private readonly SimulatorOptions _options;
    private readonly SimulatorStats _stats;
    private long _lastFrameMs = Never;
    private long _lastAlertMs = Never;
    private long _alertRaisedMs = Never;
    private long _nextNoiseCheckMs;

    public UnsolicitedOutput(SerialTransmitter tx, FaultInjector faults, MeterTables tables, SimulatorOptions options,
        SimulatorStats stats, long nowMs)
    {
        _tx = tx;
        _faults = faults;
        _tables = tables;
        _options = options;
        _stats = stats;
        _nextNoiseCheckMs = nowMs + 1000;
    }

    /// <summary>A request frame arrived: the alert hold-off counts from every received frame (§3.7).</summary>
    public void FrameReceived(long now) => _lastFrameMs = now;

    /// <summary>Sets alert flags in ET13; alerts start at once when none were set before (§3.7).</summary>
    public void RaiseAlert(byte flags, long now)
    {
        if (_tables.AlertFlags == 0 && flags != 0)
        {
            _alertRaisedMs = now;
        }

        _tables.AlertFlags |= flags;
    }

    /// <summary>
    /// Queues what is due by <paramref name="now"/>. <paramref name="requestActive"/>: a request is being
    /// received or waits for processing, so the line is not idle.
    /// </summary>
    public void Emit(long now, bool enabled, bool requestActive)
    {
        EmitInjectedNoise(now, enabled);
        EmitAlerts(now, enabled, requestActive);
        EmitIdleNoise(now, enabled, requestActive);
    }

    /// <summary>Alert <c>00 00</c> every second while flags are set; held off 1 s after a frame, never inside a reply (§3.7).</summary>
    private void EmitAlerts(long now, bool enabled, bool requestActive)
    {
        if (!enabled || _faults.LockedUp || _tables.AlertFlags == 0 || requestActive)
        {
            return;
        }

        if (_options.AlertsRequireRegistration && (_tables.MepFlags & MeterTables.Et50Registered) == 0)
        {
            return;
        }

        for (int i = 0; i < 8; i++)
        {
            long t = Math.Max(_lastFrameMs + _options.AlertHoldOffMs, _lastAlertMs + _options.AlertIntervalMs);
            t = Math.Max(t, _alertRaisedMs);
            t = Math.Max(t, (_tx.FreeAtUs + 999) / 1000);
            if (t > now)
            {
                return;
            }

            if (now - t >= _options.AlertIntervalMs)
            {
                // Caught up after a long gap between calls: skip the alerts nobody could have heard.
                t += (now - t) / _options.AlertIntervalMs * _options.AlertIntervalMs;
            }

            _tx.Send(new byte[] { 0, 0 }, 2, t * 1000, false);
            _lastAlertMs = t;
            _stats.AlertsSent++;
        }
    }

    private void EmitInjectedNoise(long now, bool enabled)
    {
        while (_faults.TryTakeInjectedNoise(out byte[] burst))
        {
            if (enabled && !_faults.LockedUp && burst.Length > 0)
            {
                _tx.Send(burst, burst.Length, now * 1000, false);
                _faults.CountNoise(burst.Length);
            }
        }
    }

    /// <summary>Random line noise while the line is idle, drawn once per second of clock time.</summary>
    private void EmitIdleNoise(long now, bool enabled, bool requestActive)
    {
        if (now - _nextNoiseCheckMs > 10_000)
        {
            _nextNoiseCheckMs = now - 10_000;
        }

        while (_nextNoiseCheckMs <= now)
        {
            long t = _nextNoiseCheckMs;
            _nextNoiseCheckMs += 1000;
            byte[]? burst = _faults.DrawIdleNoise(out int offsetMs);
            if (burst == null || !enabled || _faults.LockedUp || requestActive || !_tx.IdleAt(t * 1000))
            {
                continue;
            }

            _tx.Send(burst, burst.Length, (t + offsetMs) * 1000, false);
            _faults.CountNoise(burst.Length);
        }
    }
}
