# Peer timing: the classify conv field (N-CODE App C.2: 1x1 -> ReLU -> 3x3 -> ReLU -> 1x1, padding 'same')
# alone in torch on 2 CPU threads, one evaluation forward and forward + backward (the gradient of sum(f)
# with respect to the weights and the input), median of 30 after 5, as `tfode-bench profile` times ours.
# Usage: /usr/bin/python3 torch_conv_field.py [batch height width channels filters]  (default 16 28 28 11 37)
import statistics, sys, time, torch, torch.nn as nn
torch.set_num_threads(2); torch.manual_seed(0)
batch, height, width, channels, filters = (int(a) for a in (sys.argv[1:] or [16, 28, 28, 11, 37]))
f = nn.Sequential(nn.Conv2d(channels, filters, 1), nn.ReLU(), nn.Conv2d(filters, filters, 3, padding=1), nn.ReLU(), nn.Conv2d(filters, channels, 1))
x = torch.randn(batch, channels, height, width, requires_grad=True)
def median_ms(action, warmup=5, repeats=30):
    for _ in range(warmup): action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); action(); times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3
def forward():
    with torch.no_grad(): f(x).sum().item()
def forward_backward():
    f.zero_grad(); x.grad = None
    f(x).sum().backward()
print(f"torch conv field batch {batch}, {height}x{width}, {channels} channels, k = {filters}: "
      f"forward {median_ms(forward):.2f} ms, forward + backward {median_ms(forward_backward):.2f} ms")
