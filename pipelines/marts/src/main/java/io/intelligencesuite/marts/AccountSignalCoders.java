package io.intelligencesuite.marts;

import io.intelligencesuite.marts.AccountSignalRules.FeatureDay;
import io.intelligencesuite.marts.AccountSignalRules.SubscriptionDay;
import io.intelligencesuite.marts.AccountSignalRules.UserDay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Field-by-field coders of the account signals' per-day inputs, one element per product event with
 * a user, per paying subscription-day and per feature-day (about 0.5M, 0.35M and 0.4M at demo scale
 * 10): Java serialization (SerializableCoder) wrote each record's class description with every
 * element. The day travels as its epoch day.
 */
final class AccountSignalCoders {
  private static final Coder<String> STRING = StringUtf8Coder.of();
  private static final Coder<Long> LONG = VarLongCoder.of();

  private AccountSignalCoders() {}

  static final class UserDayCoder extends CustomCoder<UserDay> {
    static final UserDayCoder INSTANCE = new UserDayCoder();

    @Override
    public void encode(UserDay v, OutputStream out) throws IOException {
      LONG.encode(v.date().toEpochDay(), out);
      STRING.encode(v.userId(), out);
    }

    @Override
    public UserDay decode(InputStream in) throws IOException {
      return new UserDay(LocalDate.ofEpochDay(LONG.decode(in)), STRING.decode(in));
    }
  }

  static final class SubscriptionDayCoder extends CustomCoder<SubscriptionDay> {
    static final SubscriptionDayCoder INSTANCE = new SubscriptionDayCoder();

    @Override
    public void encode(SubscriptionDay v, OutputStream out) throws IOException {
      LONG.encode(v.date().toEpochDay(), out);
      STRING.encode(v.subscriptionId(), out);
      LONG.encode(v.mrrCents(), out);
    }

    @Override
    public SubscriptionDay decode(InputStream in) throws IOException {
      return new SubscriptionDay(
          LocalDate.ofEpochDay(LONG.decode(in)), STRING.decode(in), LONG.decode(in));
    }
  }

  static final class FeatureDayCoder extends CustomCoder<FeatureDay> {
    static final FeatureDayCoder INSTANCE = new FeatureDayCoder();

    @Override
    public void encode(FeatureDay v, OutputStream out) throws IOException {
      LONG.encode(v.date().toEpochDay(), out);
      STRING.encode(v.feature(), out);
      LONG.encode(v.events(), out);
    }

    @Override
    public FeatureDay decode(InputStream in) throws IOException {
      return new FeatureDay(
          LocalDate.ofEpochDay(LONG.decode(in)), STRING.decode(in), LONG.decode(in));
    }
  }
}
