namespace Qweeby.Routing.Data.Admin;

/// <summary>Which of an entity's two directories a setting is about.</summary>
public enum DirectorySide
{
    /// <summary>Sender side: the customers it may send to when closed.</summary>
    Customer,

    /// <summary>Receiver side: the suppliers it accepts when closed.</summary>
    Supplier,
}
