
%
err
2
n1task n1 failed: boom