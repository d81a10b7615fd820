// What `./vigia up` wrote to its secrets.env that the UI benchmarks need.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

record Secrets(String adminPassword, String fleetKey) {

  static Secrets read(String file) throws IOException {
    String text = Files.readString(Path.of(file));
    return new Secrets(
        value(text, "VIGIA_ADMIN_INITIAL_PASSWORD"), value(text, "VIGIA_FLEET_KEY"));
  }

  private static String value(String text, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "=(\\S+)").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(key + " is not in the secrets file");
    }
    return m.group(1);
  }
}
