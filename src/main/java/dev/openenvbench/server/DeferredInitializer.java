package dev.openenvbench.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * Delegates to a {@link ServerInitializer} set after binding: the server context needs the bound
 * port, and the listener accepts nothing until it is set.
 */
final class DeferredInitializer extends ChannelInitializer<SocketChannel> {
  private volatile ServerInitializer delegate;

  void set(ServerInitializer initializer) {
    this.delegate = initializer;
  }

  @Override
  protected void initChannel(SocketChannel ch) throws Exception {
    ch.pipeline().addLast(delegate);
  }

  @Override
  public boolean isSharable() {
    return true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
