package nl.hvht.ketenpoort.alert;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Alerts by e-mail (Spring Mail; the SMTP server is {@code spring.mail.*}). */
class MailChannel implements AlertChannel {

    private final JavaMailSender sender;
    private final AlertProperties.Mail mail;

    MailChannel(JavaMailSender sender, AlertProperties.Mail mail) {
        this.sender = sender;
        this.mail = mail;
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public void send(IncidentTracker.Notification notification) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(mail.to().toArray(String[]::new));
        message.setSubject(AlertChannel.subject(notification));
        message.setText(AlertChannel.text(notification));
        sender.send(message);
    }
}
