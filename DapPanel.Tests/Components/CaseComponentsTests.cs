using Bunit;
using DapPanel.App.Features.Cases;
using DapPanel.Core.Cases;
using DapPanel.Core.Domain;

namespace DapPanel.Tests.Components;

public class CaseComponentsTests : BunitTest
{
    [Fact]
    public void Withdrawn_levers_are_struck_through_and_each_shows_its_agency_and_area()
    {
        var cut = Render<CaseLevers>(p => p.Add(x => x.Levers,
        [
            new LeverView(Guid.NewGuid(), "Police", LeverFamily.Disrupt, LeverArea.BreachOfOrders, "NMO in force", false, DateTimeOffset.UtcNow),
            new LeverView(Guid.NewGuid(), "Housing", LeverFamily.Support, LeverArea.Housing, "Options appointment", true, DateTimeOffset.UtcNow),
        ]));

        var rows = cut.FindAll("tbody tr");
        Assert.Contains("Use of breach of orders", rows[0].TextContent);
        Assert.DoesNotContain("line-through", rows[0].GetAttribute("style") ?? "");
        Assert.Contains("line-through", rows[1].GetAttribute("style"));
    }

    [Fact]
    public void Victim_details_are_marked_as_sensitive()
    {
        var cut = Render<CaseVictims>(p => p
            .Add(x => x.Victims, [new VictimView("Sarah Primrose", "1 Example Road", "07700 900123")])
            .Add(x => x.ChildrenCount, 2));

        var block = cut.Find(".sensitive");
        Assert.Contains("1 Example Road", block.TextContent);
        Assert.Contains("Children and young people in the household: 2", cut.Markup);
    }
}
