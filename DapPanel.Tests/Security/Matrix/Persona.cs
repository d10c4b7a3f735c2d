namespace DapPanel.Tests.Security.Matrix;

/// <summary>Every kind of person the matrix checks, by role and by agency scope.</summary>
public enum Persona
{
    Anonymous,
    Administrator,
    Chair,
    Manager,
    /// <summary>A member agency of the panel with no role in the victim's safety (probation).</summary>
    PanelMember,
    /// <summary>A probation member signed in through the agency's own provider (OpenID Connect), not a password.</summary>
    ProviderMember,
    /// <summary>A member agency of the panel that supports the victim (the IDVA service).</summary>
    VictimSafetyMember,
    /// <summary>The case-management provider, who writes review updates.</summary>
    CaseManager,
    /// <summary>An agency member whose agency is not on the panel at all.</summary>
    Outsider,
    /// <summary>A member of a panel agency (health) who has not acknowledged the panel's current agreement.</summary>
    Unacknowledged,
    /// <summary>A chair's cookie copied before they signed out, and replayed.</summary>
    SignedOut,
    /// <summary>A member signed in before an administrator disabled their sign-in.</summary>
    Disabled,
}

/// <summary>Where the meeting a page is about stands.</summary>
public enum MeetingState { Upcoming, Draft, Closed }

public static class Personas
{
    public static readonly Persona[] All = Enum.GetValues<Persona>();

    /// <summary>Those with a session that still stands; a replayed or disabled one is as good as none.</summary>
    public static readonly Persona[] SignedIn =
        All.Where(p => p is not (Persona.Anonymous or Persona.SignedOut or Persona.Disabled)).ToArray();

    public static readonly Persona[] PanelAgencies =
        [Persona.PanelMember, Persona.ProviderMember, Persona.VictimSafetyMember, Persona.CaseManager];

    public static string? Email(this Persona persona) => persona switch
    {
        Persona.Administrator => "admin@dappanel.example",
        Persona.Chair => "chair@dappanel.example",
        Persona.Manager => "manager@dappanel.example",
        Persona.PanelMember => "probation@dappanel.example",
        Persona.ProviderMember => MatrixWorld.ProviderMemberEmail,
        Persona.VictimSafetyMember => "idva@dappanel.example",
        Persona.CaseManager => "casemanager@dappanel.example",
        Persona.Outsider => MatrixWorld.OutsiderEmail,
        Persona.Unacknowledged => "health@dappanel.example",
        Persona.SignedOut => "chair@dappanel.example",
        Persona.Disabled => MatrixWorld.LeaverEmail,
        _ => null,
    };

    /// <summary>Who may see a victim-survivor's name: chairs, administrators and, by default, the agencies with a role
    /// in the victim's safety (the IDVA service and the case-management provider among them).</summary>
    public static bool SeesVictimDetails(this Persona persona) =>
        persona is Persona.Administrator or Persona.Chair or Persona.VictimSafetyMember or Persona.CaseManager;

    /// <summary>Who may ever see a perpetrator's name: managers see figures, outsiders nothing.</summary>
    public static bool SeesCaseNames(this Persona persona) =>
        persona is Persona.Administrator or Persona.Chair or Persona.PanelMember or Persona.ProviderMember
            or Persona.VictimSafetyMember or Persona.CaseManager;

    /// <summary>Before circulation only chairs and administrators see a meeting's cases.</summary>
    public static bool SeesCaseNames(this Persona persona, MeetingState state) =>
        state == MeetingState.Draft ? persona is Persona.Administrator or Persona.Chair : persona.SeesCaseNames();
}
