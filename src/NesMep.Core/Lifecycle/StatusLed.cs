namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// Blink codes of the status LED (docs/firmware.md, "Status LED"): the most urgent condition
    /// wins. Flash codes repeat every <see cref="FrameMs"/>: n flashes of <see cref="FlashOnMs"/> with
    /// <see cref="FlashOffMs"/> between, then dark until the frame ends. Pure functions of the state
    /// and the clock; the adapter samples <see cref="IsOn"/> (or sleeps until <see cref="NextChangeMs"/>).
    /// </summary>
    public static class StatusLed
    {
        /// <summary>The button is held long enough: release to factory-reset. 10 Hz flicker.</summary>
        public const int ResetArmed = 1;

        /// <summary>Setup access point (no Wi-Fi network configured, or it failed): 1 s on, 1 s off.</summary>
        public const int AccessPoint = 2;

        /// <summary>Joining the Wi-Fi network: 4 Hz blink.</summary>
        public const int WifiJoining = 3;

        /// <summary>On the network, but the meter is not configured or not answering: 2 flashes.</summary>
        public const int MeterDown = 4;

        /// <summary>Meter read, MQTT switched on but not connected: 3 flashes.</summary>
        public const int MqttDown = 5;

        /// <summary>All well: steady on.</summary>
        public const int Ok = 6;

        public const long FrameMs = 3000;
        public const long FlashOnMs = 150;
        public const long FlashOffMs = 250;

        private const long EdgeStepMs = 25;

        /// <summary>The code for the current state, most urgent first.</summary>
        public static int Code(bool resetArmed, bool accessPoint, bool wifiConnected, bool meterUp, bool mqttEnabled, bool mqttConnected)
        {
            if (resetArmed)
            {
                return ResetArmed;
            }

            if (accessPoint)
            {
                return AccessPoint;
            }

            if (!wifiConnected)
            {
                return WifiJoining;
            }

            if (!meterUp)
            {
                return MeterDown;
            }

            return mqttEnabled && !mqttConnected ? MqttDown : Ok;
        }

        /// <summary>Whether the LED is lit at <paramref name="nowMs"/> for <paramref name="code"/>.</summary>
        public static bool IsOn(int code, long nowMs)
        {
            switch (code)
            {
                case ResetArmed:
                    return nowMs % 100 < 50;
                case AccessPoint:
                    return nowMs % 2000 < 1000;
                case WifiJoining:
                    return nowMs % 250 < 125;
                case MeterDown:
                    return Flash(2, nowMs % FrameMs);
                case MqttDown:
                    return Flash(3, nowMs % FrameMs);
                default:
                    return true;
            }
        }

        /// <summary>The next time after <paramref name="nowMs"/> at which <see cref="IsOn"/> changes (long.MaxValue: never).</summary>
        public static long NextChangeMs(int code, long nowMs)
        {
            if (code == Ok || code < ResetArmed || code > Ok)
            {
                return long.MaxValue;
            }

            bool now = IsOn(code, nowMs);
            // Every edge of every code lies on a multiple of EdgeStepMs, and edges are at most a frame apart.
            long t = ((nowMs / EdgeStepMs) + 1) * EdgeStepMs;
            long limit = nowMs + FrameMs + EdgeStepMs;
            while (t <= limit && IsOn(code, t) == now)
            {
                t += EdgeStepMs;
            }

            return t;
        }

        private static bool Flash(int count, long inFrame)
        {
            long period = FlashOnMs + FlashOffMs;
            long n = inFrame / period;
            return n < count && inFrame % period < FlashOnMs;
        }
    }
}
