using RancherHaproxy.Haproxy;

namespace RancherHaproxy.Tests.Haproxy;

public sealed class ShowProcParserTests
{
    // Captured from Debian's HAProxy 2.6.12 (haproxy -W -S master.sock), byte for byte.
    private const string Haproxy26AfterStart =
        "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
        "3430            master          0 [failed: 0]   0d00h00m01s     2.6.12-1+deb12u4\n" +
        "# workers\n" +
        "3433            worker          0               0d00h00m01s     2.6.12-1+deb12u4\n" +
        "# programs\n" +
        "\n";

    private const string Haproxy26AfterGoodReloadWhileDraining =
        "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
        "3430            master          1 [failed: 0]   0d00h00m06s     2.6.12-1+deb12u4\n" +
        "# workers\n" +
        "3539            worker          0               0d00h00m01s     2.6.12-1+deb12u4\n" +
        "# old workers\n" +
        "3433            worker          1               0d00h00m06s     2.6.12-1+deb12u4\n" +
        "# programs\n" +
        "\n";

    // 2.6 after a reload with a broken config: the master re-execs in wait mode, the serving
    // worker stays under "# workers" and only its reload count and the failed counter move.
    private const string Haproxy26AfterFailedReload =
        "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
        "3430            master          2 [failed: 1]   0d00h00m07s     2.6.12-1+deb12u4\n" +
        "# workers\n" +
        "3539            worker          1               0d00h00m02s     2.6.12-1+deb12u4\n" +
        "# old workers\n" +
        "3433            worker          2               0d00h00m07s     2.6.12-1+deb12u4\n" +
        "# programs\n" +
        "\n";

    // 3.x, rebuilt from cli_io_handler_show_proc in HAProxy's src/mworker.c (3.1+): same columns,
    // "# programs" only when there are programs. Every worker that lived through a reload is
    // flagged leaving, so after a failed reload "# workers" is empty and the still-serving worker
    // is listed under "# old workers".
    private const string Haproxy3AfterGoodReloadWhileDraining =
        "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
        "1162            master          1 [failed: 0]   0d00h02m07s     3.2.4          \n" +
        "# workers\n" +
        "1271            worker          0               0d00h00m03s     3.2.4          \n" +
        "# old workers\n" +
        "1233            worker          1               0d00h02m07s     3.2.4          \n";

    private const string Haproxy3AfterFailedReload =
        "#<PID>          <type>          <reloads>       <uptime>        <version>      \n" +
        "1162            master          2 [failed: 1]   0d00h02m15s     3.2.4          \n" +
        "# workers\n" +
        "# old workers\n" +
        "1271            worker          1               0d00h00m11s     3.2.4          \n";

    [Fact]
    public void Parse_Haproxy26AfterStart_ReadsMasterAndOneWorker()
    {
        var status = ShowProcParser.Parse(Haproxy26AfterStart);

        status.Should().NotBeNull();
        status!.MasterPid.Should().Be(3430);
        status.MasterReloads.Should().Be(0);
        status.FailedReloads.Should().Be(0);
        status.Version.Should().Be("2.6.12-1+deb12u4");
        status.Workers.Should().Equal(new WorkerProcess(3433, 0));
        status.OldWorkers.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Haproxy26AfterGoodReload_SeparatesCurrentAndOldWorkers()
    {
        var status = ShowProcParser.Parse(Haproxy26AfterGoodReloadWhileDraining)!;

        status.MasterReloads.Should().Be(1);
        status.FailedReloads.Should().Be(0);
        status.Workers.Should().Equal(new WorkerProcess(3539, 0));
        status.OldWorkers.Should().Equal(new WorkerProcess(3433, 1));
        status.AllWorkerPids.Should().Equal(3539, 3433);
    }

    [Fact]
    public void Parse_Haproxy26AfterFailedReload_CountsTheFailureAndKeepsTheServingWorker()
    {
        var status = ShowProcParser.Parse(Haproxy26AfterFailedReload)!;

        status.MasterReloads.Should().Be(2);
        status.FailedReloads.Should().Be(1);
        status.Workers.Should().Equal(new WorkerProcess(3539, 1));
        status.OldWorkers.Should().Equal(new WorkerProcess(3433, 2));
    }

    [Fact]
    public void Parse_Haproxy3AfterGoodReload_ReadsWithoutProgramsSection()
    {
        var status = ShowProcParser.Parse(Haproxy3AfterGoodReloadWhileDraining)!;

        status.MasterPid.Should().Be(1162);
        status.MasterReloads.Should().Be(1);
        status.FailedReloads.Should().Be(0);
        status.Version.Should().Be("3.2.4");
        status.Workers.Should().Equal(new WorkerProcess(1271, 0));
        status.OldWorkers.Should().Equal(new WorkerProcess(1233, 1));
    }

    [Fact]
    public void Parse_Haproxy3AfterFailedReload_ListsServingWorkerAsOld()
    {
        var status = ShowProcParser.Parse(Haproxy3AfterFailedReload)!;

        status.MasterReloads.Should().Be(2);
        status.FailedReloads.Should().Be(1);
        status.Workers.Should().BeEmpty();
        status.OldWorkers.Should().Equal(new WorkerProcess(1271, 1));
        status.AllWorkerPids.Should().Equal(1271);
    }

    [Fact]
    public void Parse_MasterLineWithoutFailedCounter_ReadsZeroFailures()
    {
        const string output =
            "#<PID>          <type>          <reloads>       <uptime>        <version>\n" +
            "42              master          3               0d00h00m01s     2.4.22\n" +
            "# workers\n" +
            "43              worker          0               0d00h00m01s     2.4.22\n";

        var status = ShowProcParser.Parse(output)!;

        status.MasterPid.Should().Be(42);
        status.MasterReloads.Should().Be(3);
        status.FailedReloads.Should().Be(0);
        status.Workers.Should().Equal(new WorkerProcess(43, 0));
    }

    [Fact]
    public void Parse_ProgramsSection_IgnoresPrograms()
    {
        const string output =
            "#<PID>          <type>          <reloads>       <uptime>        <version>\n" +
            "10              master          0 [failed: 0]   0d00h00m01s     3.2.4\n" +
            "# workers\n" +
            "11              worker          0               0d00h00m01s     3.2.4\n" +
            "# programs\n" +
            "12              dataplane       0               0d00h00m01s     -\n" +
            "# old programs\n" +
            "9               dataplane       1               0d00h01m01s     -\n";

        var status = ShowProcParser.Parse(output)!;

        status.Workers.Should().Equal(new WorkerProcess(11, 0));
        status.OldWorkers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Unknown command: 'show proc'\n")]
    [InlineData("#<PID>          <type>          <reloads>       <uptime>        <version>      \n")]
    public void Parse_NoMasterLine_ReturnsNull(string output)
    {
        ShowProcParser.Parse(output).Should().BeNull();
    }
}
