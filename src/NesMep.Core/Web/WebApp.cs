using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>
    /// State of the web side that outlives meter-runtime restarts: current settings, sessions,
    /// login slow-down, the raw-console read. Every call into it goes through <see cref="WebRouter"/>
    /// (or <see cref="ApiTokenGate"/>) under <see cref="Sync"/>, except what must not wait for it:
    /// the PBKDF2 of a password check (<see cref="Checks"/>) and anonymous GET /api/v1/session.
    /// </summary>
    public sealed class WebApp
    {
        /// <summary>
        /// PBKDF2 rounds of new web-password hashes unless the platform says otherwise. The trade-off
        /// (docs/webui.md, "Passwords"): each round is one platform HMAC call plus a 32-byte XOR loop;
        /// a check runs outside <see cref="Sync"/> but only one at a time (<see cref="Checks"/>). On
        /// .NET this core loop does 200 000 rounds in about 0.3 s (the Linux host's setting, below
        /// OWASP's 600 000 for PBKDF2-SHA256; the slow-down, the global limit and one check at a time
        /// bound online guessing). Under nanoFramework's interpreter a round costs far more (not measured yet; by
        /// estimate this default would take tens of seconds on an ESP32), so the firmware calls
        /// <see cref="Pbkdf2Calibration.Apply"/> at boot: about a second per check, with a cap above which
        /// a stored hash is renewed at login (<see cref="PasswordIterationsCap"/>).
        /// A low count mainly weakens an offline attack on a stolen settings file, which holds the
        /// meter key and MQTT password in clear anyway.
        /// </summary>
        public const int DefaultPasswordIterations = 100000;

        /// <summary>API tokens are long random strings, so one round (a salted HMAC) is enough and keeps each API call cheap.</summary>
        public const int TokenIterations = 1;

        public WebApp(IWebPlatform platform, IHmacSha256 hmac, IRandomSource random, IClock clock, ILog? log, ModuleSettings settings, string version)
        {
            Platform = platform;
            Hmac = hmac;
            Random = random;
            Clock = clock;
            Log = log ?? NullLog.Instance;
            Settings = settings;
            Version = version;
            Sessions = new SessionStore(random);
            Throttle = new LoginThrottle();
            Checks = new PasswordChecks(Sync, hmac, Throttle, Log);
            Nonces = new LoginNonces(hmac, random);
            Console = new WebConsole();
            PasswordIterations = DefaultPasswordIterations;
        }

        public readonly object Sync = new object();

        public IWebPlatform Platform { get; private set; }

        public IHmacSha256 Hmac { get; private set; }

        public IRandomSource Random { get; private set; }

        public IClock Clock { get; private set; }

        public ILog Log { get; private set; }

        public string Version { get; private set; }

        /// <summary>The settings in force (as last saved).</summary>
        public ModuleSettings Settings { get; set; }

        public SessionStore Sessions { get; private set; }

        public LoginThrottle Throttle { get; private set; }

        /// <summary>The one-at-a-time password check outside <see cref="Sync"/>, with the slow-down.</summary>
        public PasswordChecks Checks { get; private set; }

        public LoginNonces Nonces { get; private set; }

        public WebConsole Console { get; private set; }

        /// <summary>
        /// When set, the first-start form must also carry this one-time code, which the platform
        /// shows only to whoever runs the module (a file next to the settings on Linux). Needed when
        /// the UI is reachable from a network before it has a password: otherwise the first visitor
        /// would choose it. Null: no code (device access point, loopback-only host).
        /// </summary>
        public string? SetupCode { get; set; }

        /// <summary>
        /// Updates, watchdog and boot records: set by the device adapter only. Null (the Linux host)
        /// means the platform takes no updates from the web UI, and /api/v1/update answers 404.
        /// </summary>
        public NesMep.Core.Lifecycle.DeviceLifecycle? Lifecycle { get; set; }

        /// <summary>PBKDF2 rounds for new password hashes (the ESP32 adapter lowers it; the count is stored in the hash).</summary>
        public int PasswordIterations { get; set; }

        /// <summary>
        /// Stored hashes with more rounds than this are renewed with <see cref="PasswordIterations"/> at the login
        /// that verifies them (<see cref="Pbkdf2Calibration.Apply"/> sets it on the device); 0: never (the Linux host).
        /// </summary>
        public int PasswordIterationsCap { get; set; }

        /// <summary>
        /// The device's first-boot and Wi-Fi decisions (firmware only; null on the Linux host): while its access point
        /// is up, phones' captive-portal probes and requests for foreign host names are sent to the portal, and the
        /// Wi-Fi endpoints (scan list, finishing the setup) are served.
        /// </summary>
        public NesMep.Core.Provisioning.ProvisioningMachine? Provisioning { get; set; }

        public bool SetupRequired
        {
            get { return Settings.WebPasswordHash.Length == 0; }
        }

        /// <summary>The session named by the request's cookie, or null.</summary>
        public Session? SessionOf(WebRequest request)
        {
            string? id = Cookies.Get(request.Cookie, Cookies.SessionName);
            return id == null ? null : Sessions.Find(id, Clock.NowMs);
        }
    }
}
