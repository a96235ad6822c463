package io.verto.infra.types;

/**
 * A TCP or UDP port number, checked to lie in 1..65535 when it is made.
 *
 * @param number   the port number
 * @param protocol the transport protocol
 */
public record Port(int number, Protocol protocol) {
    public enum Protocol { TCP, UDP }

    public Port {
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("port " + number + " is outside 1..65535");
        }
        if (protocol == null) {
            throw new IllegalArgumentException("port " + number + " needs a protocol");
        }
    }

    public static Port tcp(int number) {
        return new Port(number, Protocol.TCP);
    }

    public static Port udp(int number) {
        return new Port(number, Protocol.UDP);
    }

    @Override
    public String toString() {
        return number + "/" + protocol;
    }
}
