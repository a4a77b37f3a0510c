namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>What the state machine says of a proposed status.</summary>
public enum LifecycleVerdict
{
    /// <summary>Allowed now: record it.</summary>
    Record,

    /// <summary>Already there (same status id, or the same code is the current status): record nothing, answer the one recorded.</summary>
    Repeat,

    /// <summary>Not allowed now (or never by this setter).</summary>
    Refuse,

    /// <summary>The status id is already on the timeline with another code.</summary>
    Conflict,
}
