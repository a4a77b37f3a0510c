namespace Qweeby.Routing.Core.Directory;

public enum EntityKind { Company, Association, NaturalPerson }

/// <summary>Customer directory (sender side) or supplier directory (receiver side).</summary>
public enum DirectoryMode { Open, Closed }

/// <summary>Consent before e-invoicing, per supplier → customer pair.</summary>
public enum ConsentState { Pending, Accepted, Refused }

/// <summary>A supplier's standing in a receiver's supplier directory.</summary>
public enum ApprovalState { Pending, Approved, Revoked }

/// <summary>How an invoice reaches a recipient through a provider.</summary>
public enum Channel { Interoperability, Hosted, PublicPortal, Edi, EmailPdf, Paper }

/// <summary>A supplier's routing activation towards a customer received through another provider.</summary>
public enum ActivationState { Requested, Accepted, Active }
