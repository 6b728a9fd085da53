namespace NesMep.Simulator;

/// <summary>
/// What the meter does with a full read (0x30) whose table does not fit the request's max length
/// or the 476-byte frame limit. Real meters are not documented here (reference §14 item 5, §15).
/// </summary>
public enum OversizeFullReadMode
{
    /// <summary>Answer 0x05 "table operation not possible".</summary>
    Error05 = 0,

    /// <summary>Answer with the first min(max length, 465) bytes of the table.</summary>
    Truncate = 1,

    /// <summary>
    /// Send the whole table in one frame whose length field exceeds 476. This is the failure mode
    /// behind the old Dabbler 0x0B/0x0C stalls on full BT23 reads (reference §4.6): the client can
    /// never complete such a frame.
    /// </summary>
    SendOversize = 2,
}
