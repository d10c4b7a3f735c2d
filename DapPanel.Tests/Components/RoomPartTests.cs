using Bunit;
using DapPanel.App.Features.LiveMeeting;
using Microsoft.AspNetCore.Components;

namespace DapPanel.Tests.Components;

/// <summary>A fault in one part of the live room shows in that part only, and the part tries again by itself.</summary>
public class RoomPartTests : BunitTest
{
    /// <summary>A part whose rendering fails while the room's data is bad.</summary>
    sealed class Fragile : ComponentBase
    {
        public static volatile bool Failing;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            if (Failing) throw new InvalidOperationException("The agenda could not be read.");
            builder.AddContent(0, "The agenda");
        }
    }

    static RenderFragment FragilePart => builder =>
    {
        builder.OpenComponent<Fragile>(0);
        builder.CloseComponent();
    };

    [Fact]
    public void A_part_that_fails_says_so_in_its_place_and_shows_again_at_the_meetings_next_version()
    {
        Fragile.Failing = true;
        var part = Render<RoomPart>(p => p.Add(x => x.Name, "The agenda").Add(x => x.Version, 10).Add(x => x.ChildContent, FragilePart));

        Assert.Contains("The agenda could not be shown just now", part.Find("[data-testid=room-part-problem]").TextContent);

        Fragile.Failing = false;
        part.Render(p => p.Add(x => x.Version, 11));

        Assert.Empty(part.FindAll("[data-testid=room-part-problem]"));
        Assert.Contains("The agenda", part.Markup);
    }

    [Fact]
    public async Task A_part_that_fails_while_nothing_changes_tries_again_by_itself()
    {
        Fragile.Failing = true;
        var part = Render<RoomPart>(p => p.Add(x => x.Name, "The agenda").Add(x => x.Version, 10).Add(x => x.ChildContent, FragilePart));
        Assert.NotEmpty(part.FindAll("[data-testid=room-part-problem]"));

        Fragile.Failing = false;
        await Task.Delay(RoomPart.RetryAfter);

        part.WaitForAssertion(() => Assert.Empty(part.FindAll("[data-testid=room-part-problem]")), TimeSpan.FromSeconds(10));
    }
}
