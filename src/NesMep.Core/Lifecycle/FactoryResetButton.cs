namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// Decides from samples of the boot button whether the user asks for a factory reset
    /// (docs/firmware.md, "Factory reset"): a press that starts within
    /// <see cref="LifecycleLimits.FactoryResetWindowMs"/> of power-up, held at least
    /// <see cref="LifecycleLimits.FactoryResetHoldMs"/> (the LED then flickers: <see cref="Armed"/>)
    /// and released. A shorter press is ignored (another may follow within the window); a button
    /// held past <see cref="LifecycleLimits.FactoryResetStuckMs"/> is taken as stuck and never resets.
    /// The module starts normally meanwhile: the adapter samples it from its tick or a pin event, and
    /// hands the button's presses to the provisioning machine (its 5 s long press) only once this has
    /// decided <see cref="ButtonDecision.Normal"/> or <see cref="ButtonDecision.Stuck"/>, so within the
    /// window a press is never both.
    /// </summary>
    public sealed class FactoryResetButton
    {
        private readonly long _bootMs;
        private long _pressedSinceMs = -1;

        public FactoryResetButton(long bootMs)
        {
            _bootMs = bootMs;
        }

        public ButtonDecision Decision { get; private set; }

        /// <summary>Held long enough: releasing now resets (the LED shows it).</summary>
        public bool Armed { get; private set; }

        /// <summary>One sample; returns the decision (Undecided until it is made, then it never changes).</summary>
        public ButtonDecision Sample(bool pressed, long nowMs)
        {
            if (Decision != ButtonDecision.Undecided)
            {
                return Decision;
            }

            if (_pressedSinceMs < 0)
            {
                if (pressed && nowMs - _bootMs < LifecycleLimits.FactoryResetWindowMs)
                {
                    _pressedSinceMs = nowMs;
                }
                else if (nowMs - _bootMs >= LifecycleLimits.FactoryResetWindowMs)
                {
                    Decision = ButtonDecision.Normal;
                }

                return Decision;
            }

            long held = nowMs - _pressedSinceMs;
            if (pressed)
            {
                if (held >= LifecycleLimits.FactoryResetStuckMs)
                {
                    Armed = false;
                    Decision = ButtonDecision.Stuck;
                }
                else if (held >= LifecycleLimits.FactoryResetHoldMs)
                {
                    Armed = true;
                }

                return Decision;
            }

            // Released.
            if (Armed || held >= LifecycleLimits.FactoryResetHoldMs)
            {
                Armed = false;
                Decision = ButtonDecision.FactoryReset;
            }
            else
            {
                _pressedSinceMs = -1; // too short: wait for another press within the window
                if (nowMs - _bootMs >= LifecycleLimits.FactoryResetWindowMs)
                {
                    Decision = ButtonDecision.Normal;
                }
            }

            return Decision;
        }
    }

    /// <summary>What <see cref="FactoryResetButton"/> decided.</summary>
    public enum ButtonDecision
    {
        Undecided = 0,

        /// <summary>No reset asked for: stop sampling.</summary>
        Normal = 1,

        /// <summary>Clear the settings (<see cref="FactoryReset"/>) and reboot into the access point.</summary>
        FactoryReset = 2,

        /// <summary>Held far too long: a stuck or shorted button; start normally and log it.</summary>
        Stuck = 3,
    }
}
