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
    /// <summary>A member agency of the panel that supports the victim (the IDVA service).</summary>
    VictimSafetyMember,
    /// <summary>The case-management provider, who writes review updates.</summary>
    CaseManager,
    /// <summary>An agency member whose agency is not on the panel at all.</summary>
    Outsider,
}

public static class Personas
{
    public static readonly Persona[] All = Enum.GetValues<Persona>();

    public static readonly Persona[] SignedIn = All.Where(p => p != Persona.Anonymous).ToArray();

    public static readonly Persona[] PanelAgencies = [Persona.PanelMember, Persona.VictimSafetyMember, Persona.CaseManager];

    public static string? Email(this Persona persona) => persona switch
    {
        Persona.Administrator => "admin@dappanel.example",
        Persona.Chair => "chair@dappanel.example",
        Persona.Manager => "manager@dappanel.example",
        Persona.PanelMember => "probation@dappanel.example",
        Persona.VictimSafetyMember => "idva@dappanel.example",
        Persona.CaseManager => "casemanager@dappanel.example",
        Persona.Outsider => MatrixWorld.OutsiderEmail,
        _ => null,
    };

    /// <summary>Who may see a victim-survivor's name: chairs, administrators and, by default, the agencies with a role
    /// in the victim's safety (the IDVA service and the case-management provider among them).</summary>
    public static bool SeesVictimDetails(this Persona persona) =>
        persona is Persona.Administrator or Persona.Chair or Persona.VictimSafetyMember or Persona.CaseManager;

    /// <summary>Who may ever see a perpetrator's name: managers see figures, outsiders nothing.</summary>
    public static bool SeesCaseNames(this Persona persona) => persona is not (Persona.Anonymous or Persona.Manager or Persona.Outsider);
}
