package io.kubezap.simulator.transport;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.stream.ChatSessions;
import io.kubezap.simulator.tls.CertificateAuthority;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The loopback HTTP proxy a client is pointed at ({@code https.proxyHost}/{@code https.proxyPort}):
 * it accepts {@code CONNECT web.whatsapp.com:443}, presents a certificate for that host and
 * hands the WebSocket's frames to the chat server; and {@code CONNECT mmg.whatsapp.net:443}, the
 * media host.
 */
public final class ChatProxyServer implements AutoCloseable {
    public static final String WHATSAPP_WEB_HOST = "web.whatsapp.com";
    private static final int MAX_CONNECT_REQUEST = 8 * 1024;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;

    private ChatProxyServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
    }

    /** @param reachable whether WhatsApp is reachable now; while it is not, every {@code CONNECT} gets 503 */
    public static ChatProxyServer start(String bindHost, int port, CertificateAuthority authority,
                                        ChatSessions sessions, BooleanSupplier reachable,
                                        LongSupplier webClientRevision, MediaHost mediaHost) {
        var tls = serverTls(authority.issueServerIdentity(WHATSAPP_WEB_HOST, MediaHost.HOST));
        var authorities = Set.of(WHATSAPP_WEB_HOST + ":443", MediaHost.HOST + ":443");
        var bossGroup = new NioEventLoopGroup(1);
        var workerGroup = new NioEventLoopGroup(2);
        try {
            var channel = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_CONNECT_REQUEST),
                                    new ConnectTunnelHandler(authorities, tls, sessions, reachable, webClientRevision, mediaHost));
                        }
                    })
                    .bind(bindHost, port)
                    .syncUninterruptibly()
                    .channel();
            return new ChatProxyServer(bossGroup, workerGroup, channel);
        } catch (RuntimeException exception) {
            bossGroup.shutdownGracefully();
            workerGroup.shutdownGracefully();
            throw exception;
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) serverChannel.localAddress()).getHostString();
    }

    private static SslContext serverTls(CertificateAuthority.ServerIdentity identity) {
        try {
            return SslContextBuilder.forServer(identity.privateKey(), identity.chain())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException exception) {
            throw new IllegalStateException("Cannot build the TLS context", exception);
        }
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
