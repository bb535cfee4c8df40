package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * {@code spec.autoReply}: replies the session pod sends by itself to one-to-one messages — a keyword rule's reply, a
 * greeting on a contact's first message, an away message outside business hours — each a normal outgoing message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.awayMessage) || has(self.businessHours)",
        message = "autoReply.awayMessage needs autoReply.businessHours (the hours outside which it is sent)")
public class AutoReply {

    @JsonPropertyDescription("The IANA time zone of businessHours and of the daily cap's day, e.g. America/Sao_Paulo. Default UTC.")
    @Pattern("^(UTC|[A-Za-z_]+(/[A-Za-z0-9_+-]+)+)$")
    private String timeZone;

    @JsonPropertyDescription("The weekly opening hours: slots of days and a from-to time of day (local to timeZone). Outside every slot the awayMessage is sent.")
    @Size(max = 50)
    private List<BusinessHoursSlot> businessHours;

    @JsonPropertyDescription("Sent to a contact who writes outside businessHours.")
    @Size(min = 1, max = 4096)
    private String awayMessage;

    @JsonPropertyDescription("Sent once to a contact whose message is the first of its chat (nothing was ever exchanged with it before).")
    @Size(min = 1, max = 4096)
    private String greetingMessage;

    @JsonPropertyDescription("Keyword rules, in order: the first whose keywords and 'when' both match an incoming text sends its reply. A matching rule wins over the greeting, the greeting over the away message.")
    @Size(max = 100)
    private List<AutoReplyRule> rules;

    @JsonPropertyDescription("At most this many automatic replies to one contact per day (the day of timeZone). Default 3.")
    @Min(1)
    @Max(100)
    private Integer maxRepliesPerContactPerDay;

    @JsonPropertyDescription("The AI responder: texts no rule, greeting or away message answered are answered by an OpenAI-compatible chat-completions endpoint. Its answers do not count against maxRepliesPerContactPerDay.")
    private AiResponder ai;

    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }

    public List<BusinessHoursSlot> getBusinessHours() { return businessHours; }
    public void setBusinessHours(List<BusinessHoursSlot> businessHours) { this.businessHours = businessHours; }

    public String getAwayMessage() { return awayMessage; }
    public void setAwayMessage(String awayMessage) { this.awayMessage = awayMessage; }

    public String getGreetingMessage() { return greetingMessage; }
    public void setGreetingMessage(String greetingMessage) { this.greetingMessage = greetingMessage; }

    public List<AutoReplyRule> getRules() { return rules; }
    public void setRules(List<AutoReplyRule> rules) { this.rules = rules; }

    public Integer getMaxRepliesPerContactPerDay() { return maxRepliesPerContactPerDay; }
    public void setMaxRepliesPerContactPerDay(Integer max) { this.maxRepliesPerContactPerDay = max; }

    public AiResponder getAi() { return ai; }
    public void setAi(AiResponder ai) { this.ai = ai; }

    /** Days of the week, as the CRD spells them. */
    public enum Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday }

    /** Opening hours on some days: from (inclusive) to (exclusive), local times. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "self.from < self.to",
            message = "businessHours: 'from' must be before 'to' (split a slot that passes midnight in two, the second from 00:00)")
    public static class BusinessHoursSlot {

        @JsonPropertyDescription("The days this slot holds on.")
        @Required
        @Size(min = 1, max = 7)
        private List<Weekday> days;

        @JsonPropertyDescription("Opening time, HH:MM (24 h).")
        @Required
        @Size(max = 5)
        @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
        private String from;

        @JsonPropertyDescription("Closing time, HH:MM (24 h), after 'from'; 24:00 for the end of the day.")
        @Required
        @Size(max = 5)
        @Pattern("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
        private String to;

        public List<Weekday> getDays() { return days; }
        public void setDays(List<Weekday> days) { this.days = days; }

        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from; }

        public String getTo() { return to; }
        public void setTo(String to) { this.to = to; }
    }

    /** A keyword rule: keywords and/or a CEL condition, and the reply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @ValidationRule(value = "has(self.keywords) || has(self.when)", message = "an autoReply rule needs keywords or 'when' (or both)")
    @ValidationRule(value = "self.reply.matches('\\\\S')", message = "an autoReply rule's reply must hold more than white space")
    public static class AutoReplyRule {

        @JsonPropertyDescription("A name for the rule (in logs and the reply's idempotency key).")
        @Required
        @Pattern("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
        private String name;

        @JsonPropertyDescription("Words or phrases; the rule matches a text holding any of them as whole words, ignoring case and accents (\"preco\" matches \"Preço?\").")
        @Size(min = 1, max = 100)
        private List<String> keywords;

        @JsonPropertyDescription("A CEL expression that must be true, over text (string), chat (string, the contact's JID), pushName (string), firstContact (bool) and withinBusinessHours (bool); e.g. text.size() < 40 && !withinBusinessHours. An expression that does not compile is refused by the operator before any pod gets it: condition Ready=False, reason AutoReplyInvalid, naming the rule.")
        @Size(min = 1, max = 2048)
        private String when;

        @JsonPropertyDescription("The text sent as the reply.")
        @Required
        @Size(min = 1, max = 4096)
        private String reply;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }

        public List<String> getKeywords() { return keywords; }
        public void setKeywords(List<String> keywords) { this.keywords = keywords; }

        public String getWhen() { return when; }
        public void setWhen(String when) { this.when = when; }

        public String getReply() { return reply; }
        public void setReply(String reply) { this.reply = reply; }
    }
}
