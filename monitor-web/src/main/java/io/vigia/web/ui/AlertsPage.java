package io.vigia.web.ui;

import io.vigia.monitor.alert.AlertMetric;
import io.vigia.monitor.alert.AlertRule;
import io.vigia.monitor.alert.AlertRuleSpec;
import io.vigia.monitor.alert.AlertRules;
import io.vigia.monitor.alert.AlertState;
import io.vigia.monitor.alert.AlertView;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.web.api.AlertRuleView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code alerts.xhtml}: the alert rules, which admins create, change, disable and delete in a
 * dialog, and the alerts open now and past, a page at a time. Every change goes through {@link
 * AlertRules}, whose checks are the API's; every action checks the admin role itself, whatever the
 * page showed.
 */
@Named
@ViewScoped
public class AlertsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The bundle of this page's text, {@code Alerts*.properties}. */
  static final String TEXT = "alertsText";

  @Inject private AlertRules rules;
  @Inject private HostDirectory directory;
  @Inject private Formats fmt;

  private final LazyDataModel<AlertView> open = new Alerts(AlertState.OPEN);
  private final LazyDataModel<AlertView> past = new Alerts(AlertState.CLEARED);

  private AlertRuleForm form = AlertRuleForm.blank();
  private Long deleting;
  private String deletingName;

  // The rules and open count are read once per request, not once per expression, and again after
  // a change made in the request (the rules table was read to find the button clicked).
  private transient Object loadedFor;
  private transient List<AlertRuleView> ruleViews;
  private transient long openCount;

  private void load() {
    FacesContext now = FacesContext.getCurrentInstance();
    if (loadedFor != now) {
      loadedFor = now;
      boolean mask = !isAdmin();
      ruleViews =
          rules.all().stream()
              .map(
                  r ->
                      // Webhook URLs may carry a token: others than admins see where, not which.
                      AlertRuleView.of(r, hostName(r.getHostId()).orElse(null), mask))
              .toList();
      openCount = rules.countAlerts(AlertState.OPEN);
    }
  }

  private Optional<String> hostName(Long hostId) {
    return hostId == null ? Optional.empty() : directory.byId(hostId).map(Host::getName);
  }

  public List<AlertRuleView> getRules() {
    load();
    return ruleViews;
  }

  public long getOpenCount() {
    load();
    return openCount;
  }

  public LazyDataModel<AlertView> getOpen() {
    return open;
  }

  public LazyDataModel<AlertView> getPast() {
    return past;
  }

  public boolean isAdmin() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
  }

  public AlertRuleForm getForm() {
    return form;
  }

  public String getDeletingName() {
    return deletingName;
  }

  /** The metrics a rule can watch, by API name. */
  public List<String> getMetrics() {
    return AlertMetric.apiNames();
  }

  /** The names of the hosts a rule can be for, sorted. */
  public List<String> getHostNames() {
    return directory.overview().stream().map(HostSummary::name).sorted().toList();
  }

  // ---- what the admin does -----------------------------------------------------------------

  /** Opens the dialog on a new rule. */
  public void startNew() {
    if (refusedUnlessAdmin()) {
      return;
    }
    form = AlertRuleForm.blank();
    showDialog();
  }

  /** Opens the dialog on the rule the button named, as it is now. */
  public void startEdit() {
    ruleToChange()
        .ifPresent(
            r -> {
              form = AlertRuleForm.of(r, hostName(r.getHostId()).orElse(null));
              showDialog();
            });
  }

  private void showDialog() {
    PrimeFaces pf = PrimeFaces.current();
    pf.resetInputs("ruleForm");
    pf.ajax().update("ruleDialogTitle", "ruleForm");
    pf.executeScript("PF('ruleDialog').show()");
  }

  /**
   * Stores the dialog's rule. What is wrong with it comes from {@link AlertRuleSpec#problems()},
   * each shown at its field; then nothing is stored and the dialog stays open.
   */
  public void save() {
    if (refusedUnlessAdmin()) {
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    List<String> problems = new ArrayList<>();
    Long hostId = null;
    if (form.getHost() != null && !form.getHost().isBlank()) {
      Optional<Host> host = directory.byName(form.getHost());
      if (host.isEmpty()) {
        problems.add("host");
      } else {
        hostId = host.get().getId();
      }
    }
    AlertRuleSpec spec = form.spec(hostId);
    for (String problem : spec.problems()) {
      problems.add(problem.substring(0, problem.indexOf(':')));
    }
    if (!problems.isEmpty()) {
      for (String field : problems) {
        faces.addMessage(
            "ruleForm:" + field,
            new FacesMessage(FacesMessage.SEVERITY_ERROR, problemText(field), null));
      }
      faces.validationFailed();
      return;
    }
    String user = user();
    if (form.isNew()) {
      AlertRule r = rules.create(spec);
      message(FacesMessage.SEVERITY_INFO, text("rule.created", r.getName()));
    } else if (rules.update(form.getId(), spec, user, System.currentTimeMillis()).isPresent()) {
      message(FacesMessage.SEVERITY_INFO, text("rule.saved", spec.name().strip()));
    } else {
      message(FacesMessage.SEVERITY_WARN, text("rule.gone"));
    }
    loadedFor = null;
    PrimeFaces.current().executeScript("PF('ruleDialog').hide()");
  }

  private String problemText(String field) {
    return switch (field) {
      case "name" -> text("problem.name", AlertRuleSpec.MAX_NAME);
      case "durationS" -> text("problem.durationS", fmt.number(AlertRuleSpec.MAX_DURATION_S, 0));
      case "host" -> text("problem.host", form.getHost());
      default -> text("problem." + field);
    };
  }

  /** Turns the rule the button named off, or back on; turning it off clears its open alerts. */
  public void toggle() {
    Optional<AlertRule> found = ruleToChange();
    if (found.isEmpty()) {
      return;
    }
    AlertRule r = found.get();
    AlertRuleSpec flipped =
        new AlertRuleSpec(
            r.getName(),
            r.getMetric(),
            r.getOperator(),
            r.getThreshold(),
            r.getDurationS(),
            r.getHostId(),
            r.getWebhookUrl(),
            !r.isEnabled());
    rules.update(r.getId(), flipped, user(), System.currentTimeMillis());
    loadedFor = null;
    message(
        FacesMessage.SEVERITY_INFO,
        text(flipped.enabled() ? "rule.enabled" : "rule.disabled", r.getName()));
  }

  /** Asks to confirm deleting the rule the button named, naming it. */
  public void askDelete() {
    ruleToChange()
        .ifPresent(
            r -> {
              deleting = r.getId();
              deletingName = r.getName();
              PrimeFaces.current().ajax().update("deleteForm");
              PrimeFaces.current().executeScript("PF('deleteDialog').show()");
            });
  }

  /** Deletes the rule the admin confirmed, and its alerts. */
  public void delete() {
    if (refusedUnlessAdmin()) {
      return;
    }
    if (deleting != null && rules.delete(deleting, user(), System.currentTimeMillis())) {
      message(FacesMessage.SEVERITY_INFO, text("rule.deleted", deletingName));
    } else {
      message(FacesMessage.SEVERITY_WARN, text("rule.gone"));
    }
    deleting = null;
    deletingName = null;
    loadedFor = null;
  }

  /**
   * The rule whose id the clicked button carried ({@code rule}, as rendered): not the table's row
   * index, which names another rule once a rule before it was deleted in the meantime. Empty, and
   * the admin told why, when the caller is no admin or the rule is gone.
   */
  private Optional<AlertRule> ruleToChange() {
    if (refusedUnlessAdmin()) {
      return Optional.empty();
    }
    String id =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .getOrDefault("rule", "");
    Optional<AlertRule> r;
    try {
      r = rules.byId(Long.parseLong(id));
    } catch (NumberFormatException e) {
      r = Optional.empty();
    }
    if (r.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, text("rule.gone"));
    }
    return r;
  }

  private boolean refusedUnlessAdmin() {
    return FacesRequest.refusedUnlessAdmin(text("refused"));
  }

  private static String user() {
    return FacesRequest.user();
  }

  // ---- how things read ---------------------------------------------------------------------

  /**
   * A button's name for screen readers, naming its rule ("Edit rule “CPU hot”"): the table has a
   * row of the same buttons for every rule. It starts with the button's visible text.
   */
  public String named(String key, String rule) {
    return text(key, rule);
  }

  /** What a metric is called on the page. */
  public String metricLabel(String metric) {
    return metric == null ? fmt.number(null, 0) : text("metric." + metric);
  }

  /** A rule's condition as a person reads it: "CPU use above 90.0 % for 1 min". */
  public String condition(AlertRuleView r) {
    String what = metricLabel(r.metric());
    if (r.threshold() != null) {
      what =
          text(
              ">".equals(r.operator()) ? "condition.above" : "condition.below",
              what,
              fmt.pct(r.threshold()));
    }
    return r.durationS() > 0 ? text("condition.for", what, duration(r.durationS())) : what;
  }

  /** A span of time as people say it, see {@link Formats#duration(long)}. */
  public String duration(long seconds) {
    return fmt.duration(seconds);
  }

  /** The value that raised an alert: a percentage, or for host_offline how long it was silent. */
  public String value(AlertView a) {
    if (a.value() == null) {
      return fmt.number(null, 0);
    }
    return AlertMetric.HOST_OFFLINE.apiName().equals(a.metric())
        ? duration(Math.round(a.value()))
        : fmt.pct(a.value());
  }

  /** How long an alert lasted, or has lasted so far while open. */
  public String lasted(AlertView a) {
    Instant end = a.cleared() == null ? Instant.now() : a.cleared();
    return duration(Duration.between(a.raised(), end).toSeconds());
  }

  private String text(String key, Object... args) {
    return fmt.text(TEXT, key, args);
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  /** Alerts in one state, newest first, a page at a time from the database. */
  private final class Alerts extends LazyDataModel<AlertView> {
    private static final long serialVersionUID = 1L;

    private final AlertState state;

    Alerts(AlertState state) {
      this.state = state;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, rules.countAlerts(state));
    }

    @Override
    public List<AlertView> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      return rules.alerts(state, first, pageSize);
    }

    @Override
    public String getRowKey(AlertView a) {
      return Long.toString(a.id());
    }
  }
}
