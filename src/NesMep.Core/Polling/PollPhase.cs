namespace NesMep.Core.Polling
{
    public enum PollPhase
    {
        /// <summary>Reading BT52 first: learns the sequence number and the meter clock.</summary>
        Starting = 0,

        /// <summary>Reading the dimension and identity tables.</summary>
        Configuring = 1,

        /// <summary>Steady polling with partial reads.</summary>
        Polling = 2,
    }
}
