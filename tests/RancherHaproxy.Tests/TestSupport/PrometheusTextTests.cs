namespace RancherHaproxy.Tests.TestSupport;

/// <summary>The /metrics tests trust this parser to refuse what Prometheus would refuse, and to read the rest exactly.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_HelpAndType_FamilyCarriesBothUnescaped()
    {
        var scrape = PrometheusText.Parse("""
            # HELP demo_total Requests, with a backslash \\ and a line feed \n here.
            # TYPE demo_total counter
            demo_total 3

            """);

        var family = scrape.Family("demo_total")!;
        family.Type.Should().Be("counter");
        family.Help.Should().Be("Requests, with a backslash \\ and a line feed \n here.");
        family.Samples.Should().ContainSingle().Which.Value.Should().Be(3);
    }

    [Fact]
    public void Parse_LabelsWithEscapes_ValuesUnescaped()
    {
        var scrape = PrometheusText.Parse("""
            # TYPE demo gauge
            demo{path="C:\\dir",quote="say \"hi\"",lines="a\nb",empty=""} 1.5
            demo{path="other",} 2

            """);

        var sample = scrape.Family("demo")!.Samples[0];
        sample.Labels.Should().Equal(new Dictionary<string, string> { ["path"] = "C:\\dir", ["quote"] = "say \"hi\"", ["lines"] = "a\nb", ["empty"] = string.Empty });
        sample.Value.Should().Be(1.5);
        scrape.Value("demo", ("path", "other")).Should().Be(2, "a trailing comma is allowed");
        scrape.Value("demo", ("path", "missing")).Should().BeNull();
    }

    [Fact]
    public void Parse_Histogram_BucketsSumAndCountRead()
    {
        var scrape = PrometheusText.Parse("""
            # HELP demo_seconds How long.
            # TYPE demo_seconds histogram
            demo_seconds_bucket{le="0.1"} 1
            demo_seconds_bucket{le="1"} 3
            demo_seconds_bucket{le="+Inf"} 4
            demo_seconds_sum 2.75
            demo_seconds_count 4
            # TYPE next gauge
            next 0

            """);

        var family = scrape.Family("demo_seconds")!;
        family.Type.Should().Be("histogram");
        family.BucketBounds().Should().Equal(0.1, 1, double.PositiveInfinity);
        family.Buckets().Select(bucket => bucket.Count).Should().Equal(1, 3, 4);
        scrape.Value("demo_seconds_sum").Should().Be(2.75);
        scrape.Value("demo_seconds_count").Should().Be(4);
        scrape.Families.Select(one => one.Name).Should().Equal("demo_seconds", "next");
    }

    [Fact]
    public void Parse_SpecialValuesTimestampsCommentsAndUntyped_Read()
    {
        var scrape = PrometheusText.Parse("""
            # a free comment
            up 1 1700000000000
            big +Inf
            small -Inf
            odd NaN
            exponent 1.5e3

            """);

        scrape.Family("up")!.Type.Should().Be("untyped");
        scrape.Family("up")!.Samples[0].Timestamp.Should().Be(1700000000000);
        scrape.Value("big").Should().Be(double.PositiveInfinity);
        scrape.Value("small").Should().Be(double.NegativeInfinity);
        double.IsNaN(scrape.Value("odd")!.Value).Should().BeTrue();
        scrape.Value("exponent").Should().Be(1500);
        PrometheusText.Parse(string.Empty).Families.Should().BeEmpty();
    }

    [Theory]
    [InlineData("demo\n", "no value")]
    [InlineData("demo 1", "no final line feed")]
    [InlineData("1demo 1\n", "a name starting with a digit")]
    [InlineData("de-mo 1\n", "a dash in the name")]
    [InlineData("demo abc\n", "a value that is not a number")]
    [InlineData("demo 0x10\n", "a hexadecimal value")]
    [InlineData("demo 1 2 3\n", "too many tokens")]
    [InlineData("demo 1 soon\n", "a timestamp that is not an integer")]
    [InlineData("demo{a=\"b} 1\n", "an unterminated label value")]
    [InlineData("demo{a=b} 1\n", "an unquoted label value")]
    [InlineData("demo{a=\"\\t\"} 1\n", "an unknown escape")]
    [InlineData("demo{a=\"1\",a=\"2\"} 1\n", "a label given twice")]
    [InlineData("demo{1a=\"1\"} 1\n", "a label name starting with a digit")]
    [InlineData("demo{a=\"1\"}1\n", "no space before the value")]
    [InlineData("demo{a=\"1\" 1\n", "no closing brace")]
    [InlineData("demo 1\ndemo 2\n", "the same sample twice")]
    [InlineData("# TYPE demo countr\ndemo 1\n", "an unknown type")]
    [InlineData("# TYPE demo counter\n# TYPE demo counter\ndemo 1\n", "a second TYPE")]
    [InlineData("# HELP demo a\n# HELP demo b\ndemo 1\n", "a second HELP")]
    [InlineData("demo 1\n# TYPE demo counter\n", "a TYPE after the samples")]
    [InlineData("# TYPE demo counter\ndemo 1\n# TYPE other gauge\nother 1\ndemo{a=\"1\"} 2\n", "a family split in two")]
    [InlineData("# HELP demo a\\x\ndemo 1\n", "an unknown escape in HELP")]
    [InlineData("# TYPE demo histogram\ndemo 1\n", "a plain sample in a histogram")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "a histogram without +Inf")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "buckets that are not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n", "a count that is not the +Inf bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "a histogram without _sum")]
    [InlineData("# TYPE h histogram\nh_bucket 1\nh_sum 1\nh_count 1\n", "a bucket without le")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "bounds out of order")]
    public void Parse_MalformedText_Rejected(string text, string why)
    {
        var parse = () => PrometheusText.Parse(text);

        parse.Should().Throw<FormatException>(why);
    }

    [Fact]
    public void Parse_MalformedLine_ErrorNamesTheLine()
    {
        var parse = () => PrometheusText.Parse("ok 1\nbroken{ 1\n");

        parse.Should().Throw<FormatException>().WithMessage("Line 2 'broken{ 1'*");
    }
}
