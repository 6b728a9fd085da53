namespace NesMep.Core.Link
{
    /// <summary>What one call of <see cref="ITableService.Poll"/> found.</summary>
    public enum LinkEvent
    {
        /// <summary>Nothing more to do now (see <see cref="ITableService.NextDueMs"/>).</summary>
        Idle = 0,

        /// <summary>The submitted request ended; <see cref="ITableService.LastResult"/> says how.</summary>
        Completed = 1,

        /// <summary>
        /// The meter asked for attention without being asked (MEP: the 00 00 alert, protocol reference §3.7);
        /// the poller may start its alert chain. A link whose meter cannot do this never returns it.
        /// </summary>
        Attention = 2,
    }
}
