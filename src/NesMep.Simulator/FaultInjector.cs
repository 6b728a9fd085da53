namespace NesMep.Simulator;

/// <summary>
/// Decides which faults hit the simulated meter: rate-based (seeded <see cref="System.Random"/>, see
/// <see cref="FaultOptions"/>) and direct triggers for tests. Every injected fault is counted in
/// <see cref="Counters"/>. Thread-safe: the host may trigger faults while a pump runs the meter.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _random;
    private readonly Queue<byte[]?> _noise = new();
    private int _dropNext;
    private int _duplicateNext;
    private int _corruptNext;
    private int _loseByteNext;
    private int _delayNext;
    private int _delayNextMs;
    private int _pendingJump;
    private bool _lockedUp;
    private long _lockedSinceMs = NotLocked;
    private bool _linkCut;

    private const long NotLocked = long.MinValue;

    public FaultInjector(FaultOptions? options = null, Random? random = null)
    {
        Options = options ?? new FaultOptions();
        _random = random ?? new Random(Options.Seed);
    }

    public FaultOptions Options { get; }

    public FaultCounters Counters { get; } = new();

    /// <summary>
    /// Transceiver locked up: nothing in or out until ENABLE goes off and on (§2.4), or the line has
    /// been idle for <see cref="FaultOptions.LockUpClearsAfterIdleMs"/>.
    /// </summary>
    public bool LockedUp
    {
        get { lock (_gate) { return _lockedUp; } }
    }

    /// <summary>While set the line is cut: the meter hears nothing and the client receives nothing.</summary>
    public bool LinkCut
    {
        get { lock (_gate) { return _linkCut; } }
    }

    // ---- direct triggers -------------------------------------------------------------------

    /// <summary>Locks the transceiver up now (counted once).</summary>
    public void TriggerLockUp()
    {
        lock (_gate)
        {
            if (!_lockedUp)
            {
                _lockedUp = true;
                _lockedSinceMs = NotLocked; // stamped by the simulator's next check
                Counters.LockUps++;
            }
        }
    }

    /// <summary>Adds <paramref name="increment"/> to the meter's sequence number before the next request (IDT bump, §4.3).</summary>
    public void JumpSequence(int increment = 25)
    {
        lock (_gate)
        {
            _pendingJump += increment;
        }
    }

    /// <summary>The next <paramref name="count"/> requests are processed but their replies are lost.</summary>
    public void DropNextReplies(int count)
    {
        lock (_gate)
        {
            _dropNext += count;
        }
    }

    /// <summary>The next <paramref name="count"/> replies leave <paramref name="delayMs"/> late.</summary>
    public void DelayNextReplies(int count, int delayMs)
    {
        lock (_gate)
        {
            _delayNext += count;
            _delayNextMs = delayMs;
        }
    }

    /// <summary>The next <paramref name="count"/> replies are sent twice.</summary>
    public void DuplicateNextReplies(int count)
    {
        lock (_gate)
        {
            _duplicateNext += count;
        }
    }

    /// <summary>One bit flipped in the body (past the length field) of each of the next replies.</summary>
    public void CorruptNextReplies(int count)
    {
        lock (_gate)
        {
            _corruptNext += count;
        }
    }

    /// <summary>One body byte lost from each of the next replies.</summary>
    public void LoseByteOfNextReplies(int count)
    {
        lock (_gate)
        {
            _loseByteNext += count;
        }
    }

    /// <summary>Cuts (true) or restores (false) the line.</summary>
    public void CutLink(bool cut)
    {
        lock (_gate)
        {
            _linkCut = cut;
        }
    }

    /// <summary>Puts noise on the meter's TX line at the next tick: the given bytes, or a random burst when null.</summary>
    public void InjectNoise(byte[]? bytes = null)
    {
        lock (_gate)
        {
            _noise.Enqueue(bytes);
        }
    }

    // ---- used by the simulator -------------------------------------------------------------

    internal void ClearLockUp()
    {
        lock (_gate)
        {
            _lockedUp = false;
            _lockedSinceMs = NotLocked;
        }
    }

    /// <summary>
    /// The way out where ENABLE cannot be seen: a lock-up clears once the client has been silent for
    /// <see cref="FaultOptions.LockUpClearsAfterIdleMs"/> since the later of the lock-up and its last
    /// byte (a direct trigger counts from the first check after it). Counted.
    /// </summary>
    internal void ClearLockUpIfIdle(long nowMs, long lastClientByteMs)
    {
        lock (_gate)
        {
            if (!_lockedUp)
            {
                _lockedSinceMs = NotLocked;
                return;
            }

            if (_lockedSinceMs == NotLocked)
            {
                _lockedSinceMs = nowMs;
            }

            int idleMs = Options.LockUpClearsAfterIdleMs;
            if (idleMs > 0 && nowMs - Math.Max(lastClientByteMs, _lockedSinceMs) >= idleMs)
            {
                _lockedUp = false;
                _lockedSinceMs = NotLocked;
                Counters.LockUpsClearedByIdle++;
            }
        }
    }

    internal void CountCutBytes(int n)
    {
        lock (_gate)
        {
            Counters.BytesLostLinkCut += n;
        }
    }

    internal void CountIgnoredWhileLocked()
    {
        lock (_gate)
        {
            Counters.RequestsIgnoredLockedUp++;
        }
    }

    internal void CountOversize(OversizeFullReadMode mode)
    {
        lock (_gate)
        {
            switch (mode)
            {
                case OversizeFullReadMode.Truncate:
                    Counters.OversizeTruncated++;
                    break;
                case OversizeFullReadMode.SendOversize:
                    Counters.OversizeSent++;
                    break;
                default:
                    Counters.OversizeRefused++;
                    break;
            }
        }
    }

    internal void CountNoise(int bytes)
    {
        lock (_gate)
        {
            Counters.NoiseBursts++;
            Counters.NoiseBytes += bytes;
        }
    }

    /// <summary>A request frame arrived: maybe the transceiver locks up on it. True when locked (now or before).</summary>
    internal bool LockUpOnArrival(long nowMs)
    {
        lock (_gate)
        {
            if (_lockedUp)
            {
                return true;
            }

            if (Draw(Options.LockUpRate))
            {
                _lockedUp = true;
                _lockedSinceMs = nowMs;
                Counters.LockUps++;
            }

            return _lockedUp;
        }
    }

    /// <summary>Sequence increment to apply before checking this request (pending trigger + rate), counted.</summary>
    internal int TakeSequenceJump()
    {
        lock (_gate)
        {
            int jump = 0;
            if (_pendingJump != 0)
            {
                jump = _pendingJump;
                _pendingJump = 0;
                Counters.SequenceJumps++;
            }

            if (Draw(Options.SequenceJumpRate))
            {
                jump += Options.SequenceJumpSize;
                Counters.SequenceJumps++;
            }

            return jump;
        }
    }

    /// <summary>Fate of one reply: triggers first, then rates (each rate drawn every time so runs repeat).</summary>
    internal ReplyPlan PlanReply()
    {
        lock (_gate)
        {
            var plan = new ReplyPlan();
            bool rateDrop = Draw(Options.DropReplyRate);
            bool rateLate = Draw(Options.LateReplyRate);
            bool rateDup = Draw(Options.DuplicateReplyRate);
            if (_dropNext > 0)
            {
                _dropNext--;
                plan.Drop = true;
            }
            else if (rateDrop)
            {
                plan.Drop = true;
            }

            if (plan.Drop)
            {
                Counters.RepliesDropped++;
                return plan;
            }

            if (_delayNext > 0)
            {
                _delayNext--;
                plan.DelayMs = _delayNextMs;
            }
            else if (rateLate)
            {
                plan.DelayMs = Options.LateReplyDelayMs;
            }

            if (plan.DelayMs > 0)
            {
                Counters.RepliesDelayed++;
            }

            if (_duplicateNext > 0)
            {
                _duplicateNext--;
                plan.Duplicate = true;
            }
            else if (rateDup)
            {
                plan.Duplicate = true;
            }

            if (plan.Duplicate)
            {
                Counters.RepliesDuplicated++;
            }

            if (_corruptNext > 0)
            {
                _corruptNext--;
                plan.CorruptOne = true;
            }

            if (_loseByteNext > 0)
            {
                _loseByteNext--;
                plan.LoseOne = true;
            }

            return plan;
        }
    }

    /// <summary>
    /// Applies byte faults to a reply about to be sent: fills <paramref name="lost"/> and flips bits
    /// in <paramref name="frame"/> in place.
    /// </summary>
    internal void MangleBytes(byte[] frame, int length, bool[] lost, ReplyPlan plan)
    {
        lock (_gate)
        {
            if (plan.CorruptOne && length > 2)
            {
                // Inside the body so the response digest (not the framing) has to catch it.
                int at = 2 + _random.Next(length - 2);
                frame[at] ^= (byte)(1 << _random.Next(8));
                Counters.BytesCorrupted++;
            }

            if (plan.LoseOne && length > 2)
            {
                int at = 2 + _random.Next(length - 2);
                if (!lost[at])
                {
                    lost[at] = true;
                    Counters.BytesLost++;
                }
            }

            if (Options.ByteLossRate <= 0 && Options.ByteCorruptionRate <= 0)
            {
                return;
            }

            for (int i = 0; i < length; i++)
            {
                if (Draw(Options.ByteCorruptionRate))
                {
                    frame[i] ^= (byte)(1 << _random.Next(8));
                    Counters.BytesCorrupted++;
                }

                if (Draw(Options.ByteLossRate) && !lost[i])
                {
                    lost[i] = true;
                    Counters.BytesLost++;
                }
            }
        }
    }

    /// <summary>Next noise burst queued by <see cref="InjectNoise"/> (random if queued as null); false if none.</summary>
    internal bool TryTakeInjectedNoise(out byte[] burst)
    {
        lock (_gate)
        {
            if (_noise.Count == 0)
            {
                burst = Array.Empty<byte>();
                return false;
            }

            burst = _noise.Dequeue() ?? RandomBurst();
            return true;
        }
    }

    /// <summary>
    /// One idle second's noise draw: a burst and its offset within the second, or null. Always draws
    /// the same amount of randomness (when the rate is non-zero) so the sequence does not depend on
    /// whether the line happened to be idle.
    /// </summary>
    internal byte[]? DrawIdleNoise(out int offsetMs)
    {
        lock (_gate)
        {
            offsetMs = 0;
            if (Options.NoiseRatePerSecond <= 0)
            {
                return null;
            }

            bool hit = _random.NextDouble() < Options.NoiseRatePerSecond;
            offsetMs = _random.Next(1000);
            byte[] burst = RandomBurst();
            return hit ? burst : null;
        }
    }

    private byte[] RandomBurst()
    {
        // Half the bursts look like a stray alert (§12.1 issue #1), half are 1..4 random bytes.
        if (_random.Next(2) == 0)
        {
            return new byte[] { 0x00, 0x00 };
        }

        var b = new byte[1 + _random.Next(4)];
        _random.NextBytes(b);
        return b;
    }

    private bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        return _random.NextDouble() < rate;
    }
}

/// <summary>What happens to one reply.</summary>
internal sealed class ReplyPlan
{
    public bool Drop;
    public int DelayMs;
    public bool Duplicate;
    public bool CorruptOne;
    public bool LoseOne;

    public string Describe()
    {
        var parts = new List<string>();
        if (Drop)
        {
            parts.Add("dropped");
        }

        if (DelayMs > 0)
        {
            parts.Add("late" + DelayMs + "ms");
        }

        if (Duplicate)
        {
            parts.Add("duplicated");
        }

        if (CorruptOne)
        {
            parts.Add("corrupted");
        }

        if (LoseOne)
        {
            parts.Add("byte-lost");
        }

        return string.Join(",", parts);
    }
}
