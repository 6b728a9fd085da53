namespace NesMep.Core.Web
{
    /// <summary>
    /// A parsed settings form: the candidate settings plus the secrets that still need work
    /// (hashing, checking the current password) before anything is saved.
    /// </summary>
    public sealed class SettingsChange
    {
        public SettingsChange(ModuleSettings candidate)
        {
            Candidate = candidate;
        }

        public ModuleSettings Candidate;

        /// <summary>New web password in clear (hashed by the endpoint), or null when unchanged.</summary>
        public string? NewWebPassword;

        /// <summary>The current password the user typed to authorise a password change, or null.</summary>
        public string? CurrentPassword;

        /// <summary>New API token in clear (hashed by the endpoint), or null when unchanged.</summary>
        public string? NewApiToken;
    }
}
