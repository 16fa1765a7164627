using System.Buffers;
using System.Text;
using RancherHaproxy.Operations;

namespace RancherHaproxy.Tests.Operations;

public sealed class PrometheusWriterTests
{
    [Fact]
    public void Sample_LabelValue_EscapesBackslashQuoteAndLineFeed()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        new PrometheusWriter(output).Sample("m", "stack", "a\\b\"c\nd", 1);

        // Assert
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("m{stack=\"a\\\\b\\\"c\\nd\"} 1\n");
    }

    [Fact]
    public void Family_Help_EscapesBackslashAndLineFeedButNotQuotes()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        new PrometheusWriter(output).Family("m", "gauge", "say \"hi\"\\\nbye");

        // Assert
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("# HELP m say \"hi\"\\\\\\nbye\n# TYPE m gauge\n");
    }

    [Fact]
    public void Sample_TwoLabels_InTheGivenOrder()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        new PrometheusWriter(output).Sample("m_total", "reason", "routes", "result", "ok", 3);

        // Assert
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("m_total{reason=\"routes\",result=\"ok\"} 3\n");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(12, "12")]
    [InlineData(0.25, "0.25")]
    [InlineData(1796137115, "1796137115")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Number_UsesPrometheusSpelling(double value, string expected)
    {
        // Act / Assert
        PrometheusWriter.Number(value).Should().Be(expected);
    }

    [Fact]
    public void Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        // Arrange
        var histogram = new ApplyHistogram();
        histogram.Observe(TimeSpan.FromMilliseconds(3));
        histogram.Observe(TimeSpan.FromMilliseconds(30));
        histogram.Observe(TimeSpan.FromSeconds(20));
        var output = new ArrayBufferWriter<byte>();

        // Act
        new PrometheusWriter(output).Histogram("d_seconds", ApplyHistogram.Bounds, histogram.CumulativeCount, histogram.SumSeconds, histogram.Count);

        // Assert
        var lines = Encoding.UTF8.GetString(output.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(ApplyHistogram.Bounds.Length + 3);
        lines[0].Should().Be("d_seconds_bucket{le=\"0.005\"} 1");
        lines[2].Should().Be("d_seconds_bucket{le=\"0.025\"} 1");
        lines[3].Should().Be("d_seconds_bucket{le=\"0.05\"} 2");
        lines[10].Should().Be("d_seconds_bucket{le=\"10\"} 2");
        lines[11].Should().Be("d_seconds_bucket{le=\"+Inf\"} 3");
        lines[12].Should().Be("d_seconds_sum 20.033");
        lines[13].Should().Be("d_seconds_count 3");
    }

    [Fact]
    public void Observe_OnABound_CountsInThatBucket()
    {
        // Arrange
        var histogram = new ApplyHistogram();

        // Act
        histogram.Observe(TimeSpan.FromMilliseconds(100));

        // Assert ("le" is less than or equal)
        histogram.CumulativeCount(Array.IndexOf(ApplyHistogram.Bounds, 0.1)).Should().Be(1);
        histogram.CumulativeCount(Array.IndexOf(ApplyHistogram.Bounds, 0.05)).Should().Be(0);
    }

    [Fact]
    public void Sample_NonAsciiLabelValue_IsUtf8()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();

        // Act
        new PrometheusWriter(output).Sample("m", "stack", "caf\u00e9", 2);

        // Assert
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("m{stack=\"caf\u00e9\"} 2\n");
    }

    [Fact]
    public void PooledBufferWriter_GrowsPastItsFirstArray()
    {
        // Arrange
        using var output = new PooledBufferWriter(initialCapacity: 16);
        var writer = new PrometheusWriter(output);

        // Act
        for (var index = 0; index < 1000; index++)
        {
            writer.Sample("rancher_haproxy_stack_backend_info", "stack", "s" + index, "backend", "b" + index, 1);
        }

        // Assert
        var lines = Encoding.UTF8.GetString(output.WrittenMemory.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1000);
        lines[999].Should().Be("rancher_haproxy_stack_backend_info{stack=\"s999\",backend=\"b999\"} 1");
    }
}
