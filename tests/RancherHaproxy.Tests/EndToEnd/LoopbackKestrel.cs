using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// A bare Kestrel (no logging, no routing) on one loopback address, answering through one delegate.
/// Port 0 lets the kernel pick, so parallel tests never collide; the bound port is read back.
/// </summary>
internal static class LoopbackKestrel
{
    public static async Task<(WebApplication App, int Port)> StartAsync(IPAddress address, int port, RequestDelegate handler)
    {
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"Only 127.0.0.0/8 may receive test traffic, not {address}.", nameof(address));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Listen(address, port);
            options.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(bound).Port);
    }

    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
