using DapPanel.App.Features.Administration;
using DapPanel.Core.Administration;
using DapPanel.Core.Domain;

namespace DapPanel.Tests.Administration;

public class PeopleListTests
{
    static PersonAccountView Person(string name, string agency, bool active = true, bool lockedOut = false, params Role[] roles) =>
        new(Guid.NewGuid(), name, $"{name.Split(' ')[0].ToLowerInvariant()}@example.gov.uk", null, Guid.NewGuid(), agency,
            new PersonSignIn(Guid.NewGuid().ToString(), roles.ToHashSet(), active, lockedOut, TwoFactorEnabled: true) { HasPassword = true }, Guid.NewGuid());

    static readonly PersonAccountView[] People =
    [
        Person("Zoe Wren", "Housing Needs", roles: Role.AgencyMember),
        Person("Adam Finch", "Police", active: false, roles: Role.AgencyMember),
        Person("Mia Teal", "Adult Social Care", lockedOut: true, roles: Role.Chair),
    ];

    [Fact]
    public void Every_word_of_a_search_must_match_the_name_email_agency_or_role()
    {
        Assert.Equal(["Zoe Wren"], PeopleList.Filter(People, "housing zoe", PeopleOrder.Name).Select(p => p.FullName));
        Assert.Equal(["Mia Teal"], PeopleList.Filter(People, "CHAIR", PeopleOrder.Name).Select(p => p.FullName));
        Assert.Equal(["Adam Finch"], PeopleList.Filter(People, "adam@example", PeopleOrder.Name).Select(p => p.FullName));
        Assert.Empty(PeopleList.Filter(People, "probation", PeopleOrder.Name));
        Assert.Equal(3, PeopleList.Filter(People, "  ", PeopleOrder.Name).Count);
    }

    [Fact]
    public void People_sort_by_name_by_agency_or_with_the_sign_ins_that_need_attention_first()
    {
        Assert.Equal(["Adam Finch", "Mia Teal", "Zoe Wren"], PeopleList.Filter(People, null, PeopleOrder.Name).Select(p => p.FullName));
        Assert.Equal(["Mia Teal", "Zoe Wren", "Adam Finch"], PeopleList.Filter(People, null, PeopleOrder.Agency).Select(p => p.FullName));
        Assert.Equal(["Adam Finch", "Mia Teal", "Zoe Wren"], PeopleList.Filter(People, null, PeopleOrder.SignIn).Select(p => p.FullName));
    }
}
