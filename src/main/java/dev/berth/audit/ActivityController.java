package dev.berth.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.support.PageOf;
import dev.berth.support.ProblemException;
import dev.berth.support.RowsHtml;
import dev.berth.support.UtcDay;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The Activity page: the account's audit events, pulls of its shared images and the expiry of the
 * shares it received, newest first, narrowed by the filters in the query string; and the same list
 * as CSV.
 */
@Controller
class ActivityController {

	private static final List<AuditAction> ACTIONS = List.of(AuditAction.values());

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Activity activity;

	private final MessageSourceAccessor messages;

	private final Clock clock;

	private final RowsHtml rowsHtml;

	ActivityController(Activity activity, MessageSourceAccessor messages, Clock clock, RowsHtml rowsHtml) {
		this.activity = activity;
		this.messages = messages;
		this.clock = clock;
		this.rowsHtml = rowsHtml;
	}

	@GetMapping("/activity")
	String activity(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ActivityFilter filter,
			BindingResult result, Model model, HttpServletResponse response) {
		int maxListed = Activity.counted((filter != null) ? filter.page() : 1);
		model.addAttribute("maxListed", maxListed);
		boolean valid = filter != null && checked(filter, result);
		model.addAttribute("filters", filters(filter, result));
		if (valid) {
			PageOf<ActivityRow> page = this.activity.forAccount(me, filter);
			model.addAttribute("page", page);
			model.addAttribute("rows", this.rowsHtml.render("audit/activity", page.items(), Map.of()));
			// The parts around the rows, rendered once for what they show.
			model.addAttribute("resultsBar", this.rowsHtml.render("audit/activity", "bar",
					Map.of("page", page.place(), "maxListed", maxListed, "filter", filter.withPage(1))));
			model.addAttribute("head", this.rowsHtml.render("audit/activity", "head", Map.of()));
			model.addAttribute("pager", this.rowsHtml.render("audit/activity", "pager",
					Map.of("page", page.place(), "maxListed", maxListed, "filter", filter)));
		}
		else {
			// A page number that is none (typed into the address) has no field: the list says so
			model.addAttribute("noSuchPage", result.hasFieldErrors("page"));
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return "audit/activity";
	}

	/**
	 * The filter form, rendered once for what it shows: the values as typed (a value that is no date
	 * stays in its field), the message next to each field refused, and the action chosen (one of 34,
	 * each a message).
	 */
	private String filters(ActivityFilter filter, BindingResult result) {
		String chosen = (filter != null && filter.action() != null) ? filter.action().name() : "";
		Map<String, String> errors = new HashMap<>();
		for (FieldError error : result.getFieldErrors()) {
			errors.putIfAbsent(error.getField(), this.messages.getMessage(error));
		}
		ActivityFilter values = (filter != null) ? filter : ActivityFilter.none();
		FilterFields fields = new FilterFields(shown(result, "image", values.image()),
				shown(result, "account", values.account()), shown(result, "user", values.user()),
				shown(result, "from", values.from()), shown(result, "to", values.to()), errors);
		return this.rowsHtml.render("audit/activity", "filters", Map.of("fields", fields, "actions", ACTIONS, "chosen",
				chosen, "filtered", filter != null && filter.isFiltered()));
	}

	/** A field's value as its form shows it: what was typed if it was refused, else the filter's (ISO days). */
	private static String shown(BindingResult result, String field, Object value) {
		FieldError error = result.getFieldError(field);
		Object shown = (error != null) ? error.getRejectedValue() : value;
		return (shown != null) ? shown.toString() : "";
	}

	/** What the filter form's fields show, and the message next to each field refused. */
	record FilterFields(String image, String account, String user, String from, String to,
			Map<String, String> errors) {
	}

	/**
	 * The filtered list as CSV, written row by row as it is read. It starts with a byte order mark,
	 * without which Excel reads UTF-8 as the system's code page: a description's "café" or a
	 * change's arrow would show as "cafÃ©" and "â†’".
	 */
	@GetMapping("/activity.csv")
	void export(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ActivityFilter filter,
			BindingResult result, HttpServletResponse response) throws IOException {
		// The export has every row the filters keep, on no page: a page number that is none is no matter.
		boolean filtersOnly = result.getFieldErrors().stream().allMatch(error -> "page".equals(error.getField()));
		if (filter == null || !filtersOnly || !checked(filter, new BeanPropertyBindingResult(filter, "filter"))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_FILTER", "activity.filter.invalid");
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("activity-" + me.accountName() + "-" + UtcDay.today(this.clock) + ".csv")
			.build()
			.toString());
		Writer writer = response.getWriter();
		writer.write(BYTE_ORDER_MARK);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
		csv.printRecord(column("when"), column("actor"), column("action"), column("image"), column("account"),
				column("detail"));
		this.activity.export(me, filter, row -> {
			try {
				csv.printRecord(row.occurredAt(), cell(row.actor()), this.messages.getMessage(row.action().messageKey()),
						cell(row.imageName()), cell(row.account()), cell(detail(row)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	/** From and To are days of four-digit years, and From is not after To; a message next to the field otherwise. */
	private static boolean checked(ActivityFilter filter, BindingResult result) {
		rejectOutOfRange("from", filter.from(), result);
		rejectOutOfRange("to", filter.to(), result);
		if (!result.hasErrors() && filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
			result.rejectValue("to", "activity.filter.range");
		}
		return !result.hasErrors();
	}

	private static void rejectOutOfRange(String field, LocalDate day, BindingResult result) {
		if (day != null && !UtcDay.isWithinRange(day)) {
			result.rejectValue(field, "activity.filter.outOfRange",
					new Object[] { UtcDay.FIRST.toString(), UtcDay.LAST.toString() }, null);
		}
	}

	private String column(String name) {
		return this.messages.getMessage("activity.col." + name);
	}

	/** The details column as text: each changed field (old → new), or the terms, or the detail. */
	private String detail(ActivityRow row) {
		if (!row.changes().isEmpty()) {
			return String.join("; ", row.changes()
				.stream()
				.map(change -> this.messages.getMessage("activity.fieldChange",
						new Object[] { this.messages.getMessage(change.field()), change.oldValue(), change.newValue() }))
				.toList());
		}
		if (row.action() == AuditAction.SHARE_EXPIRED) {
			return this.messages.getMessage("activity.expired", new Object[] { row.oldValue() });
		}
		String values = (row.oldValue() != null && row.newValue() != null)
				? this.messages.getMessage("activity.change", new Object[] { row.oldValue(), row.newValue() })
				: (row.newValue() != null) ? row.newValue() : row.oldValue();
		if (row.detail() == null || values == null) {
			return (row.detail() != null) ? row.detail() : values;
		}
		// As the page shows both: "User bob on organization acme-apps: Read → Edit".
		return row.detail() + ": " + values;
	}

	/**
	 * A text cell that a spreadsheet will not read as a formula (a leading =, +, -, @ or control
	 * character is escaped with an apostrophe, as OWASP advises for CSV injection).
	 */
	private static String cell(String value) {
		if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}

}
