using System.Globalization;
using System.Net;
using System.Text;

namespace DapPanel.App.Features.Evaluation;

/// <summary>A laid-out chart as SVG markup; every piece of text is encoded.</summary>
public static class ChartSvg
{
    public static string Write(ChartLayout layout)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg viewBox=\"0 0 {F(ChartLayout.Width)} {F(layout.Height)}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(layout.Description)}\" preserveAspectRatio=\"xMinYMin meet\">");
        foreach (var shape in layout.Shapes)
        {
            switch (shape)
            {
                case ChartRect r:
                    svg.Append($"<rect x=\"{F(r.X)}\" y=\"{F(r.Y)}\" width=\"{F(Math.Max(0, r.Width))}\" height=\"{F(r.Height)}\" fill=\"{r.Fill}\"/>");
                    break;
                case ChartLine l:
                    svg.Append($"<line x1=\"{F(l.X1)}\" y1=\"{F(l.Y1)}\" x2=\"{F(l.X2)}\" y2=\"{F(l.Y2)}\" stroke=\"{l.Stroke}\" stroke-width=\"{F(l.Width)}\"/>");
                    break;
                case ChartText t:
                    var anchor = t.Anchor switch { ChartAnchor.Middle => "middle", ChartAnchor.End => "end", _ => "start" };
                    svg.Append($"<text x=\"{F(t.X)}\" y=\"{F(t.Y)}\" font-size=\"{F(t.Size)}\" fill=\"{t.Fill}\" font-weight=\"{(t.Bold ? 600 : 400)}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(t.Text)}</text>");
                    break;
            }
        }
        return svg.Append("</svg>").ToString();
    }

    static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
