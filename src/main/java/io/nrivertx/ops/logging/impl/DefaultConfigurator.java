package io.nrivertx.ops.logging.impl;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.nrivertx.ops.LoggingOptions;
import io.nrivertx.ops.logging.LogSetup;

/**
 * Logback's first configuration (found through META-INF/services): INFO, one-line text on
 * stderr, before any configuration file is read. Without it Logback would scan the class path
 * for XML and then log everything at DEBUG. An operator's own {@code -Dlogback.configurationFile}
 * is left to Logback.
 */
public final class DefaultConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (System.getProperty(LogSetup.OWN_CONFIG_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSetup.configure(ctx, new LoggingOptions());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
