namespace Qweeby.Routing.Data.Admin;

/// <summary>Routing activation towards a customer at another provider, in order.</summary>
public enum ActivationState
{
    Requested,
    Accepted,
    Active,
}
